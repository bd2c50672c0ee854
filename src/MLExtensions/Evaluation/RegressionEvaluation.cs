using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// <c>mlContext.Regression.EvaluateDetailed(scored)</c>: ML.NET's regression metrics plus explained variance and
/// max error, from the scored data's Label and Score columns alone.
/// </summary>
public static class RegressionEvaluation
{
    /// <param name="data">Scored data with a Single (or Double) label and a Single Score.</param>
    public static RegressionReport EvaluateDetailed(this RegressionCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        var schema = data.Schema;
        var labelColumn = Data.ColumnLookup.Require(schema, labelColumnName, "label");
        if (labelColumn.Type is Microsoft.ML.Data.KeyDataViewType || labelColumn.Type == Microsoft.ML.Data.BooleanDataViewType.Instance)
            throw new ArgumentOutOfRangeException(nameof(labelColumnName),
                $"The regression label column '{labelColumnName}' must be Single or Double; it holds {labelColumn.Type}.");
        var (_, labelReader) = ScoredColumns.Label(schema, labelColumnName, "regression", allowBoolean: false, requiredKeyCount: null);
        var scoreColumn = ScoredColumns.RequireSingle(schema, scoreColumnName, "score");

        var labels = new List<double>();
        var scores = new List<double>();
        long skipped = 0;
        using (var cursor = data.GetRowCursor(new[] { labelColumn, scoreColumn }))
        {
            var label = labelReader(cursor);
            var scoreGetter = cursor.GetGetter<float>(scoreColumn);
            while (cursor.MoveNext())
            {
                float y = label();
                float score = 0;
                scoreGetter(ref score);
                if (float.IsNaN(y) || float.IsNaN(score))
                {
                    skipped++;
                    continue;
                }
                labels.Add(y);
                scores.Add(score);
            }
        }
        return Compute(labels, scores, skipped);
    }

    internal static RegressionReport Compute(IReadOnlyList<double> labels, IReadOnlyList<double> scores, long skipped)
    {
        int n = labels.Count;
        if (n == 0)
        {
            return new RegressionReport
            {
                SkippedRowCount = skipped,
                MeanSquaredError = 0, RootMeanSquaredError = 0, MeanAbsoluteError = 0,
                RSquared = double.NaN, ExplainedVariance = double.NaN, MaxError = double.NaN,
            };
        }
        double labelMean = labels.Average();
        double residualMean = Enumerable.Range(0, n).Average(i => labels[i] - scores[i]);
        double squared = 0, absolute = 0, max = 0, total = 0, residualVariance = 0;
        for (int i = 0; i < n; i++)
        {
            double residual = labels[i] - scores[i];
            squared += residual * residual;
            absolute += Math.Abs(residual);
            max = Math.Max(max, Math.Abs(residual));
            total += (labels[i] - labelMean) * (labels[i] - labelMean);
            residualVariance += (residual - residualMean) * (residual - residualMean);
        }
        double mse = squared / n;
        return new RegressionReport
        {
            RowCount = n,
            SkippedRowCount = skipped,
            MeanSquaredError = mse,
            RootMeanSquaredError = Math.Sqrt(mse),
            MeanAbsoluteError = absolute / n,
            RSquared = total == 0 ? double.NaN : 1 - squared / total,
            ExplainedVariance = total == 0 ? double.NaN : 1 - residualVariance / total,
            MaxError = max,
        };
    }
}
