namespace MLExtensions;

/// <summary>
/// An evaluation result whose scalar metrics can be looked up by name, so cross-validation can average them and
/// hyperparameter search can optimise any of them without knowing the report's type.
/// </summary>
public interface IEvaluationReport
{
    /// <summary>Every scalar metric of the report by name, in a stable order: ML.NET's metrics under their ML.NET property
    /// names ("Accuracy", "MicroAccuracy", "RootMeanSquaredError", ...), then the report's own ("AveragePrecision", ...).</summary>
    IReadOnlyDictionary<string, double> MetricValues { get; }
}
