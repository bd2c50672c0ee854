using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// <c>mlContext.Regression.EvaluateDetailed(scored)</c>: ML.NET's own regression evaluation (every metric ML.NET
/// computes comes from its <c>Evaluate</c>), plus explained variance and max error as scikit-learn defines them,
/// and a printable report.
/// </summary>
public static class RegressionEvaluation
{
    /// <summary>Evaluates the scored <paramref name="data"/> of a regression model with ML.NET's evaluator and adds
    /// explained variance and max error.</summary>
    /// <param name="catalog">The regression catalog of an <c>MLContext</c>.</param>
    /// <param name="data">Scored data, as ML.NET's evaluator reads it: a Single label and a Single Score.</param>
    /// <param name="labelColumnName">The Single label column. Default "Label".</param>
    /// <param name="scoreColumnName">The Single score column. Default "Score".</param>
    /// <returns>ML.NET's metrics with explained variance and max error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or not Single (thrown by ML.NET's evaluator).</exception>
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
