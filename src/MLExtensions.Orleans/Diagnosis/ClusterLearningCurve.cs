using Microsoft.ML;

namespace MLExtensions.Distributed;

/// <summary>
/// <see cref="LearningCurve.Compute"/> on an Orleans cluster: every training size is a unit, all sizes at once. A silo
/// first reports how many training rows the curve has (after the stratified hold-out, when no validation data is given),
/// then each size is fitted and measured on some silo with the local curve's own steps, so the points, the verdict and
/// its explanation equal <c>LearningCurve.Compute(mlContext, kind, definition.CreateLocal(), source.Load(mlContext), ...)</c>.
/// </summary>
public static class ClusterLearningCurve
{
    /// <param name="client">A client of the cluster, whose silos register <paramref name="estimator"/>.</param>
    /// <param name="validationData">Held-out data; when null, a stratified 20% of <paramref name="trainData"/> is held out.</param>
    /// <param name="minimumSize">The smallest training subset; sizes double from it up to the whole training set.</param>
    /// <param name="labelColumnName">The label column of the scored output, which the evaluator reads.</param>
    /// <param name="stratificationColumnName">The input column the subsets and the hold-out keep in proportion; null means <paramref name="labelColumnName"/>.</param>
    /// <param name="numberOfBins">Regression targets are cut into this many bins so each subset spans their range.</param>
    /// <param name="improvementThreshold">A relative fall in validation error over the last doubling at least this large counts as "still falling".</param>
    /// <param name="gapThreshold">A validation − training gap above this fraction of the validation error counts as large.</param>
    public static async Task<LearningCurveResult> ComputeAsync(IClusterClient client, PredictionKind kind, EstimatorDefinition estimator,
        ClusterDataSource trainData, ClusterDataSource? validationData = null, string labelColumnName = "Label", int minimumSize = 64,
        int? seed = null, int numberOfBins = 10, double improvementThreshold = 0.05, double gapThreshold = 0.2,
        string? stratificationColumnName = null, ClusterRunOptions? runOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(trainData);
        TaskEvaluation.CheckKind(kind);
        LearningCurve.CheckMinimumSize(minimumSize);

        LearningCurveUnit Unit(long size) => new()
        {
            Estimator = estimator.Name,
            ContextSeed = estimator.ContextSeed,
            Kind = kind,
            TrainData = trainData,
            ValidationData = validationData,
            LabelColumnName = labelColumnName,
            StratificationColumnName = stratificationColumnName ?? labelColumnName,
            Seed = seed,
            NumberOfBins = numberOfBins,
            Size = size,
        };

        var dispatcher = new ClusterDispatcher(client, runOptions);
        var rows = await dispatcher.RunAsync<LearningCurveOutcome>(new[] { Unit(0) }, cancellationToken).ConfigureAwait(false);
        var units = LearningCurve.Sizes(minimumSize, rows[0].TrainingRows).Select(Unit).ToArray();
        var outcomes = await dispatcher.RunAsync<LearningCurveOutcome>(units, cancellationToken).ConfigureAwait(false);
        var points = outcomes.Select(o => new LearningCurvePoint(o.TrainingRows, o.TrainingError, o.ValidationError)).ToArray();
        var (verdict, explanation) = LearningCurve.Judge(points, improvementThreshold, gapThreshold);
        return new LearningCurveResult(kind, points, verdict, explanation);
    }
}
