using Microsoft.ML;
using MLExtensions.Data;

namespace MLExtensions;

/// <summary>
/// <c>mlContext.MulticlassClassification.EvaluateDetailed(scored)</c>: ML.NET's own multiclass evaluation (every metric
/// ML.NET computes comes from its <c>Evaluate</c>), plus what ML.NET lacks: a per-class table with specificity, F1 and
/// support, macro and weighted averages, class names on the confusion matrix, and a printable report. It reads
/// nothing but what ML.NET's evaluator returns and the class names in the schema.
/// </summary>
public static class MulticlassClassificationEvaluation
{
    /// <summary>Evaluates the scored <paramref name="data"/> of a multiclass classifier with ML.NET's evaluator and adds
    /// per-class and averaged precision, recall and F1.</summary>
    /// <param name="catalog">The multiclass classification catalog of an <c>MLContext</c>.</param>
    /// <param name="data">Scored data, as ML.NET's evaluator reads it: a label (key, or Single holding the 0-based class index),
    /// a Score known-size vector of Single (slot i = key i + 1) and a PredictedLabel column of any type (ML.NET only
    /// requires that it exists: after <c>MapKeyToValue("PredictedLabel")</c> it holds the original values).</param>
    /// <param name="labelColumnName">The label column. Default "Label".</param>
    /// <param name="scoreColumnName">The score vector column. Default "Score".</param>
    /// <param name="predictedLabelColumnName">The predicted-label column. Default "PredictedLabel".</param>
    /// <param name="topKPredictionCount">Also report the fraction of rows whose label is among the k highest scores (0, the default: not requested).</param>
    /// <returns>ML.NET's metrics with per-class metrics, macro and weighted averages and a named confusion matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of a type ML.NET's evaluator refuses (thrown by
    /// that evaluator).</exception>
    public static MulticlassClassificationReport EvaluateDetailed(this MulticlassClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score", string predictedLabelColumnName = "PredictedLabel",
        int topKPredictionCount = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        var metrics = catalog.Evaluate(data, labelColumnName, scoreColumnName, predictedLabelColumnName, topKPredictionCount);
        var names = ColumnAnnotations.ClassNames(data.Schema[scoreColumnName], data.Schema[labelColumnName], metrics.ConfusionMatrix.NumberOfClasses);
        return new MulticlassClassificationReport(metrics, names);
    }
}
