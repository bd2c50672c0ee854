using Microsoft.ML;

namespace MLExtensions;

/// <summary>The evaluation and the single "error" number each <see cref="PredictionKind"/> uses, shared by learning curves and search.</summary>
internal static class TaskEvaluation
{
    public static IEvaluationReport Evaluate(MLContext mlContext, PredictionKind kind, IDataView scored, string labelColumnName) => kind switch
    {
        PredictionKind.BinaryClassification => mlContext.BinaryClassification.EvaluateDetailed(scored, labelColumnName),
        PredictionKind.MulticlassClassification => mlContext.MulticlassClassification.EvaluateDetailed(scored, labelColumnName),
        PredictionKind.Regression => mlContext.Regression.EvaluateDetailed(scored, labelColumnName),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown prediction kind."),
    };

    /// <summary>Every metric name a report of <paramref name="kind"/> can hold in <see cref="IEvaluationReport.MetricValues"/>.</summary>
    public static IEnumerable<string> MetricNames(PredictionKind kind) => kind switch
    {
        PredictionKind.BinaryClassification => BinaryClassificationReport.MetricNames,
        PredictionKind.MulticlassClassification => MulticlassClassificationReport.MetricNames,
        PredictionKind.Regression => RegressionReport.MetricNames,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown prediction kind."),
    };

    public static double Error(IEvaluationReport report) => report switch
    {
        BinaryClassificationReport binary => 1 - binary.Metrics.Accuracy,
        MulticlassClassificationReport multiclass => 1 - multiclass.Metrics.MicroAccuracy,
        RegressionReport regression => regression.Metrics.RootMeanSquaredError,
        _ => throw new ArgumentOutOfRangeException(nameof(report), report.GetType().Name, "No error is defined for this report."),
    };

    public static void CheckKind(PredictionKind kind)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown prediction kind.");
    }
}
