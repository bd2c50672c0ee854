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

    /// <summary>The metric read from each trial's report, a key of <see cref="IEvaluationReport.MetricValues"/>.</summary>
    public string MetricName { get; }

    /// <summary>Whether higher values of the metric are better.</summary>
    public bool Maximize { get; }

    /// <summary>How the trial is scored, for reports: "3-fold cross-validated Accuracy", "hold-out RootMeanSquaredError".</summary>
    public string Description { get; }

    /// <summary>Scores each trial by k-fold cross-validation on <paramref name="data"/>, stratified by class for
    /// classification. The folds are drawn here, once.</summary>
    /// <param name="mlContext">The context whose evaluators score the folds.</param>
    /// <param name="kind">The task, which picks the evaluator and the default metric.</param>
    /// <param name="data">The data to split into folds.</param>
    /// <param name="numberOfFolds">The number of folds; at least 2 and at most the number of rows. Default 3.</param>
    /// <param name="labelColumnName">The label column of the scored output, which the evaluator reads.</param>
    /// <param name="metricName">A metric of the task's report (a key of <see cref="IEvaluationReport.MetricValues"/>); null for the task's default.</param>
    /// <param name="maximize">Null infers it: names with "Error" or "LogLoss" (not "Reduction") are minimized, others maximized.</param>
    /// <param name="seed">Seed of the fold assignment; null means 0.</param>
    /// <param name="stratificationColumnName">Classification: the input column the folds keep in proportion; null means <paramref name="labelColumnName"/>.</param>
    /// <returns>An objective that cross-validates each trial's estimator on the same folds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mlContext"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined <see cref="PredictionKind"/>,
    /// <paramref name="numberOfFolds"/> is below 2, or the stratification column is missing or of a type that cannot be
    /// stratified on, or <paramref name="metricName"/> is no metric of the task (the message lists them).</exception>
    /// <exception cref="ArgumentException">The data has fewer rows than <paramref name="numberOfFolds"/>.</exception>
    public static SearchObjective CrossValidation(MLContext mlContext, PredictionKind kind, IDataView data, int numberOfFolds = 3,
        string labelColumnName = "Label", string? metricName = null, bool? maximize = null, int? seed = null,
        string? stratificationColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(data);
        TaskEvaluation.CheckKind(kind);
        var (name, max) = Metric(kind, metricName, maximize);
        var folds = kind == PredictionKind.Regression
            ? Splits.Folds.Plain(data, numberOfFolds, seed)
            : Splits.Folds.Stratified(data, numberOfFolds, stratificationColumnName ?? labelColumnName, seed);
        return new SearchObjective(name, max, $"{folds.Count}-fold cross-validated {name}", estimator =>
            MLExtensions.CrossValidation.Run(folds, estimator, scored => TaskEvaluation.Evaluate(mlContext, kind, scored, labelColumnName))[name].Values);
    }

    /// <summary>Scores each trial by fitting on <paramref name="trainData"/> and evaluating on <paramref name="validationData"/>.</summary>
    /// <param name="mlContext">The context whose evaluator scores the validation data.</param>
    /// <param name="kind">The task, which picks the evaluator and the default metric.</param>
    /// <param name="trainData">The data each trial is fitted on.</param>
    /// <param name="validationData">The data each trial is evaluated on.</param>
    /// <param name="labelColumnName">The label column of the scored output, which the evaluator reads.</param>
    /// <param name="metricName">A metric of the task's report (a key of <see cref="IEvaluationReport.MetricValues"/>); null for the task's default.</param>
    /// <param name="maximize">Null infers it: names with "Error" or "LogLoss" (not "Reduction") are minimized, others maximized.</param>
    /// <returns>An objective that scores each trial's estimator on the one hold-out set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mlContext"/>, <paramref name="trainData"/> or
    /// <paramref name="validationData"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined <see cref="PredictionKind"/>, or
    /// <paramref name="metricName"/> is no metric of the task (the message lists them).</exception>
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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metricName"/> is no metric of the task's report.</exception>
    internal static (string Name, bool Maximize) Metric(PredictionKind kind, string? metricName, bool? maximize)
    {
        if (metricName is not null && !TaskEvaluation.MetricNames(kind).Contains(metricName, StringComparer.Ordinal))
            throw new ArgumentOutOfRangeException(nameof(metricName), metricName,
                $"'{metricName}' is no {kind} metric; the metrics are: {string.Join(", ", TaskEvaluation.MetricNames(kind))}.");
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
