namespace MLExtensions;

/// <summary>
/// An evaluation result whose scalar metrics can be looked up by name, so cross-validation can average them and
/// hyperparameter search can optimise any of them without knowing the report's type.
/// </summary>
public interface IEvaluationReport
{
    /// <summary>Every scalar metric of the report by its property name ("Accuracy", "RootMeanSquaredError", ...), in a stable order.</summary>
    IReadOnlyDictionary<string, double> Metrics { get; }
}
