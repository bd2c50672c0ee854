using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// <c>mlContext.Regression.EvaluateDetailed(scored)</c>: ML.NET's own regression evaluation (every metric ML.NET
/// computes comes from its <c>Evaluate</c>), plus explained variance and max error as scikit-learn defines them,
/// and a printable report.
/// </summary>
public static class RegressionEvaluation
{
    /// <param name="data">Scored data, as ML.NET's evaluator reads it: a Single label and a Single Score.</param>
    public static RegressionReport EvaluateDetailed(this RegressionCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        var metrics = catalog.Evaluate(data, labelColumnName, scoreColumnName);

        // ML.NET has checked both columns are Single; read them once more for what it does not compute.
        var labelColumn = data.Schema[labelColumnName];
        var scoreColumn = data.Schema[scoreColumnName];
        var labels = new List<double>();
        var residuals = new List<double>();
        using (var cursor = data.GetRowCursor(new[] { labelColumn, scoreColumn }))
        {
            var labelGetter = cursor.GetGetter<float>(labelColumn);
            var scoreGetter = cursor.GetGetter<float>(scoreColumn);
            float label = 0, score = 0;
            while (cursor.MoveNext())
            {
                labelGetter(ref label);
                scoreGetter(ref score);
                // The rows ML.NET's evaluator skips: a NaN label or a NaN score.
                if (float.IsNaN(label) || float.IsNaN(score))
                    continue;
                labels.Add(label);
                residuals.Add(label - (double)score);
            }
        }
        return new RegressionReport(metrics, labels, residuals);
    }
}
