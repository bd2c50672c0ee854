namespace MLExtensions.Distributed;

/// <summary>
/// <see cref="LearningCurve.Compute"/> on an Orleans cluster: every training size is a unit, all sizes at once. A silo
/// first reports how many training rows the curve has (after the stratified hold-out, when no validation data is given),
/// then each size is fitted and measured on some silo with the local curve's own steps, so the points, the verdict and
/// its explanation equal <c>LearningCurve.Compute(mlContext, kind, definition.CreateLocal(), source.Load(mlContext), ...)</c>.
/// </summary>
public static class ClusterLearningCurve
{
    /// <summary>Computes a learning curve on the cluster: one unit counts the training rows, then one unit per training
    /// size, all sizes at once.</summary>
    /// <param name="client">A client of the cluster, whose silos register <paramref name="estimator"/>.</param>
    /// <param name="kind">The task, which decides the error: 1 − accuracy for classification, RMSE for regression.</param>
    /// <param name="estimator">The estimator (usually a whole pipeline) each size fits; registered on every silo.</param>
    /// <param name="trainData">The training data, read by every silo from its own copy of the file.</param>
    /// <param name="validationData">Held-out data; when null, a stratified 20% of <paramref name="trainData"/> is held out.</param>
    /// <param name="labelColumnName">The label column of the scored output, which the evaluator reads. Default "Label".</param>
    /// <param name="minimumSize">The smallest training subset, at least 1; sizes double from it up to the whole training set. Default 64.</param>
    /// <param name="seed">Seeds the hold-out and the subsets; null means 0.</param>
    /// <param name="numberOfBins">Regression targets are cut into this many bins so each subset spans their range. Default 10.</param>
    /// <param name="improvementThreshold">A relative fall in validation error over the last doubling at least this large counts as "still falling". Default 0.05.</param>
    /// <param name="gapThreshold">A validation − training gap above this fraction of the validation error counts as large. Default 0.2.</param>
    /// <param name="stratificationColumnName">The input column the subsets and the hold-out keep in proportion; null means <paramref name="labelColumnName"/>.</param>
    /// <param name="runOptions">How the run polls, retries and reports progress; null is the defaults.</param>
    /// <param name="cancellationToken">Cancels the run: the returned task is cancelled and the silos drop its units.</param>
    /// <returns>The points from the smallest size to the whole training set, the verdict and its explanation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/>, <paramref name="estimator"/> or <paramref name="trainData"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value, <paramref name="minimumSize"/>
    /// is less than 1, or a field of <paramref name="runOptions"/> is out of range.</exception>
    /// <exception cref="ClusterWorkerException">A unit threw on its silo (as the local call would), a silo lacks the
    /// definition or read other data, a unit was lost too often, or no silo runs MLExtensions workers.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
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
