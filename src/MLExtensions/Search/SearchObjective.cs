using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions;

/// <summary>
/// How a search scores a trial: by stratified k-fold cross-validation (k-fold for regression) or on a fixed hold-out
/// set, reading one metric of the task's report. The folds are drawn once, so every trial sees the same ones.
/// Default metric: Accuracy (binary), MicroAccuracy (multiclass), RootMeanSquaredError (regression).
/// </summary>
public sealed class SearchObjective
{
    private readonly Func<IEstimator<ITransformer>, IReadOnlyList<double>> _score;

    internal SearchObjective(string metricName, bool maximize, string description, Func<IEstimator<ITransformer>, IReadOnlyList<double>> score)
    {
        MetricName = metricName;
        Maximize = maximize;
        Description = description;
        _score = score;
    }

    public string MetricName { get; }

    /// <summary>Whether higher values of the metric are better.</summary>
    public bool Maximize { get; }

    public string Description { get; }

    /// <param name="labelColumnName">The label column of the scored output, which the evaluator reads.</param>
    /// <param name="metricName">A metric of the task's report (<see cref="IEvaluationReport.MetricValues"/>); null for the task's default.</param>
    /// <param name="maximize">Null infers it: names with "Error" or "LogLoss" (not "Reduction") are minimized, others maximized.</param>
    /// <param name="stratificationColumnName">Classification: the input column the folds keep in proportion; null means <paramref name="labelColumnName"/>.</param>
    public static SearchObjective CrossValidation(MLContext mlContext, PredictionKind kind, IDataView data, int numberOfFolds = 3,
        string labelColumnName = "Label", string? metricName = null, bool? maximize = null, int? seed = null,
        string? stratificationColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(data);
        TaskEvaluation.CheckKind(kind);
        var folds = kind == PredictionKind.Regression
            ? Splits.Folds.Plain(data, numberOfFolds, seed)
            : Splits.Folds.Stratified(data, numberOfFolds, stratificationColumnName ?? labelColumnName, seed);
        var (name, max) = Metric(kind, metricName, maximize);
        return new SearchObjective(name, max, $"{folds.Count}-fold cross-validated {name}", estimator =>
            MLExtensions.CrossValidation.Run(folds, estimator, scored => TaskEvaluation.Evaluate(mlContext, kind, scored, labelColumnName))[name].Values);
    }

    public static SearchObjective HoldOut(MLContext mlContext, PredictionKind kind, IDataView trainData, IDataView validationData,
        string labelColumnName = "Label", string? metricName = null, bool? maximize = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(trainData);
        ArgumentNullException.ThrowIfNull(validationData);
        TaskEvaluation.CheckKind(kind);
        var (name, max) = Metric(kind, metricName, maximize);
        return new SearchObjective(name, max, $"hold-out {name}", estimator =>
        {
            var report = TaskEvaluation.Evaluate(mlContext, kind, estimator.Fit(trainData).Transform(validationData), labelColumnName);
            if (!report.MetricValues.TryGetValue(name, out double value))
                throw new KeyNotFoundException($"No metric '{name}'. The report has: {string.Join(", ", report.MetricValues.Keys)}.");
            return new[] { value };
        });
    }

    /// <summary>The metric on each fold (one value for a hold-out set).</summary>
    internal IReadOnlyList<double> Score(IEstimator<ITransformer> estimator) => _score(estimator);

    /// <summary>Trials best first: completed ones by score, then the rest; ties in trial order.</summary>
    internal List<SearchTrial> Rank(IEnumerable<SearchTrial> trials) => trials
        .OrderBy(t => t.Status == TrialStatus.Completed && !double.IsNaN(t.Score) ? 0 : 1)
        .ThenBy(t => double.IsNaN(t.Score) ? 0 : Maximize ? -t.Score : t.Score)
        .ThenBy(t => t.Number)
        .ToList();

    internal bool IsBetter(double candidate, double incumbent) =>
        !double.IsNaN(candidate) && (double.IsNaN(incumbent) || (Maximize ? candidate > incumbent : candidate < incumbent));

    /// <summary>The metric a search reads (the task's default when null) and whether higher is better (inferred from its name when null).</summary>
    internal static (string Name, bool Maximize) Metric(PredictionKind kind, string? metricName, bool? maximize)
    {
        string name = metricName ?? kind switch
        {
            PredictionKind.BinaryClassification => nameof(BinaryClassificationMetrics.Accuracy),
            PredictionKind.MulticlassClassification => nameof(MulticlassClassificationMetrics.MicroAccuracy),
            _ => nameof(RegressionMetrics.RootMeanSquaredError),
        };
        bool lowerIsBetter = (name.Contains("Error", StringComparison.Ordinal) || name.Contains("LogLoss", StringComparison.Ordinal))
                             && !name.Contains("Reduction", StringComparison.Ordinal);
        return (name, maximize ?? !lowerIsBetter);
    }
}
