using Microsoft.ML;

namespace MLExtensions.Distributed;

/// <summary>
/// The task catalogs' <c>StratifiedCrossValidate</c> / <c>KFoldCrossValidate</c> on an Orleans cluster: one fold per unit,
/// all folds at once. Each silo draws the folds from its copy of the data with the local code, fits the registered
/// estimator (built from <c>new MLContext(seed: definition.ContextSeed)</c>) on the other folds and scores this one; the
/// fitted model and the scored rows come back, and the fold is evaluated here with the catalog's own
/// <c>EvaluateDetailed</c>. The report is the local one: the same folds, models that predict the same, and metrics
/// equal to those of <c>StratifiedCrossValidate(source.Load(mlContext), definition.CreateLocal(), ...)</c>.
/// <see cref="CrossValidationFold{TReport}.ScoredTestSet"/> holds the scored rows in memory. A fold that throws ends the
/// call with a <see cref="ClusterWorkerException"/> carrying its message, as the local call would throw.
/// </summary>
public static class ClusterCrossValidation
{
    /// <summary>Stratified k-fold cross-validation of a binary estimator on the cluster, as the local
    /// <c>StratifiedCrossValidate</c>: each fold keeps the data's positive rate.</summary>
    /// <param name="catalog">The context's <c>BinaryClassification</c> catalog, whose evaluator scores each fold here.</param>
    /// <param name="client">A client of the cluster, whose silos register <paramref name="estimator"/>.</param>
    /// <param name="data">The data to cross-validate, read by every silo from its own copy of the file.</param>
    /// <param name="estimator">The estimator (usually a whole pipeline) each fold fits; registered on every silo.</param>
    /// <param name="numberOfFolds">The number of folds, at least 2; each runs as one unit. Default 5.</param>
    /// <param name="labelColumnName">The label column of the scored output, which ML.NET's evaluator reads. Default "Label".</param>
    /// <param name="stratificationColumnName">The input column whose classes each fold keeps in proportion; null means <paramref name="labelColumnName"/>.</param>
    /// <param name="seed">Seeds the assignment of rows to folds; null means 0 (the same folds on every call).</param>
    /// <param name="runOptions">How the run polls, retries and reports progress; null is the defaults.</param>
    /// <param name="cancellationToken">Cancels the run: the returned task is cancelled and the silos drop its units.</param>
    /// <returns>One result per fold, in fold order, with the fitted model, the binary report and the scored rows, and
    /// their summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/>, <paramref name="client"/>, <paramref name="data"/>
    /// or <paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> is less than 2, or a field of
    /// <paramref name="runOptions"/> is out of range.</exception>
    /// <exception cref="ClusterWorkerException">A fold threw on its silo (as the local call would), a silo lacks the
    /// definition or read other data, a fold was lost too often, or no silo runs MLExtensions workers.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<CrossValidationReport<BinaryClassificationReport>> StratifiedCrossValidateAsync(this BinaryClassificationCatalog catalog,
        IClusterClient client, ClusterDataSource data, EstimatorDefinition estimator, int numberOfFolds = 5, string labelColumnName = "Label",
        string? stratificationColumnName = null, int? seed = null, ClusterRunOptions? runOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return StratifiedAsync(client, data, estimator, numberOfFolds, labelColumnName, stratificationColumnName, seed,
            scored => catalog.EvaluateDetailed(scored, labelColumnName), runOptions, cancellationToken);
    }

    /// <summary>Stratified k-fold cross-validation of a multiclass estimator on the cluster, as the local
    /// <c>StratifiedCrossValidate</c>: each fold keeps the data's class proportions.</summary>
    /// <param name="catalog">The context's <c>MulticlassClassification</c> catalog, whose evaluator scores each fold here.</param>
    /// <param name="client">A client of the cluster, whose silos register <paramref name="estimator"/>.</param>
    /// <param name="data">The data to cross-validate, read by every silo from its own copy of the file.</param>
    /// <param name="estimator">The estimator (usually a whole pipeline) each fold fits; registered on every silo.</param>
    /// <param name="numberOfFolds">The number of folds, at least 2; each runs as one unit. Default 5.</param>
    /// <param name="labelColumnName">The label column of the scored output, which ML.NET's evaluator reads. Default "Label".</param>
    /// <param name="stratificationColumnName">The input column whose classes each fold keeps in proportion; null means <paramref name="labelColumnName"/>.</param>
    /// <param name="seed">Seeds the assignment of rows to folds; null means 0 (the same folds on every call).</param>
    /// <param name="runOptions">How the run polls, retries and reports progress; null is the defaults.</param>
    /// <param name="cancellationToken">Cancels the run: the returned task is cancelled and the silos drop its units.</param>
    /// <returns>One result per fold, in fold order, with the fitted model, the multiclass report and the scored rows, and
    /// their summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/>, <paramref name="client"/>, <paramref name="data"/>
    /// or <paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> is less than 2, or a field of
    /// <paramref name="runOptions"/> is out of range.</exception>
    /// <exception cref="ClusterWorkerException">A fold threw on its silo (as the local call would), a silo lacks the
    /// definition or read other data, a fold was lost too often, or no silo runs MLExtensions workers.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<CrossValidationReport<MulticlassClassificationReport>> StratifiedCrossValidateAsync(this MulticlassClassificationCatalog catalog,
        IClusterClient client, ClusterDataSource data, EstimatorDefinition estimator, int numberOfFolds = 5, string labelColumnName = "Label",
        string? stratificationColumnName = null, int? seed = null, ClusterRunOptions? runOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return StratifiedAsync(client, data, estimator, numberOfFolds, labelColumnName, stratificationColumnName, seed,
            scored => catalog.EvaluateDetailed(scored, labelColumnName), runOptions, cancellationToken);
    }

    /// <summary>Plain k-fold, or with <paramref name="stratificationBins"/> stratified on the target's quantile bins, as the
    /// local <c>KFoldCrossValidate</c>.</summary>
    /// <param name="catalog">The context's <c>Regression</c> catalog, whose evaluator scores each fold here.</param>
    /// <param name="client">A client of the cluster, whose silos register <paramref name="estimator"/>.</param>
    /// <param name="data">The data to cross-validate, read by every silo from its own copy of the file.</param>
    /// <param name="estimator">The estimator (usually a whole pipeline) each fold fits; registered on every silo.</param>
    /// <param name="numberOfFolds">The number of folds, at least 2; each runs as one unit. Default 5.</param>
    /// <param name="labelColumnName">The label column of the scored output, which ML.NET's evaluator reads. Default "Label".</param>
    /// <param name="stratificationColumnName">With <paramref name="stratificationBins"/>: the input column to bin; null means <paramref name="labelColumnName"/>.</param>
    /// <param name="seed">Seeds the assignment of rows to folds; null means 0 (the same folds on every call).</param>
    /// <param name="stratificationBins">Null for plain k-fold; otherwise the number of quantile bins of the target each
    /// fold keeps in proportion, at least 2.</param>
    /// <param name="runOptions">How the run polls, retries and reports progress; null is the defaults.</param>
    /// <param name="cancellationToken">Cancels the run: the returned task is cancelled and the silos drop its units.</param>
    /// <returns>One result per fold, in fold order, with the fitted model, the regression report and the scored rows, and
    /// their summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/>, <paramref name="client"/>, <paramref name="data"/>
    /// or <paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> is less than 2,
    /// <paramref name="stratificationBins"/> is less than 2, or a field of <paramref name="runOptions"/> is out of range.</exception>
    /// <exception cref="ClusterWorkerException">A fold threw on its silo (as the local call would), a silo lacks the
    /// definition or read other data, a fold was lost too often, or no silo runs MLExtensions workers.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<CrossValidationReport<RegressionReport>> KFoldCrossValidateAsync(this RegressionCatalog catalog,
        IClusterClient client, ClusterDataSource data, EstimatorDefinition estimator, int numberOfFolds = 5, string labelColumnName = "Label",
        string? stratificationColumnName = null, int? seed = null, int? stratificationBins = null, ClusterRunOptions? runOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        CrossValidationCatalog.CheckStratificationBins(stratificationBins);
        var folds = stratificationBins is int bins
            ? Stratified(numberOfFolds, stratificationColumnName ?? labelColumnName, seed, bins)
            : new FoldsRecipe { NumberOfFolds = CheckFolds(numberOfFolds), Seed = seed };
        return RunAsync(client, data, estimator, folds, scored => catalog.EvaluateDetailed(scored, labelColumnName), runOptions, cancellationToken);
    }

    /// <summary>Stratified on the classes of <paramref name="stratificationColumnName"/> (default: the label), as the local
    /// <c>StratifiedCrossValidate</c> of either classification catalog.</summary>
    private static Task<CrossValidationReport<TReport>> StratifiedAsync<TReport>(IClusterClient client, ClusterDataSource data,
        EstimatorDefinition estimator, int numberOfFolds, string labelColumnName, string? stratificationColumnName, int? seed,
        Func<IDataView, TReport> evaluate, ClusterRunOptions? runOptions, CancellationToken cancellationToken)
        where TReport : IEvaluationReport =>
        RunAsync(client, data, estimator, Stratified(numberOfFolds, stratificationColumnName ?? labelColumnName, seed, 10), evaluate, runOptions,
            cancellationToken);

    private static FoldsRecipe Stratified(int numberOfFolds, string stratificationColumnName, int? seed, int bins) => new()
    {
        NumberOfFolds = CheckFolds(numberOfFolds),
        StratificationColumnName = stratificationColumnName,
        Seed = seed,
        NumberOfBins = bins,
    };

    private static int CheckFolds(int numberOfFolds)
    {
        MLExtensions.Splits.Folds.CheckFolds(numberOfFolds);
        return numberOfFolds;
    }

    private static async Task<CrossValidationReport<TReport>> RunAsync<TReport>(IClusterClient client, ClusterDataSource data,
        EstimatorDefinition estimator, FoldsRecipe folds, Func<IDataView, TReport> evaluate, ClusterRunOptions? runOptions,
        CancellationToken cancellationToken)
        where TReport : IEvaluationReport
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(estimator);
        var units = Enumerable.Range(0, folds.NumberOfFolds).Select(fold => new CrossValidationFoldUnit
        {
            Estimator = estimator.Name,
            ContextSeed = estimator.ContextSeed,
            Data = data,
            Folds = folds,
            Fold = fold,
        }).ToArray();
        var outcomes = await new ClusterDispatcher(client, runOptions).RunAsync<CrossValidationFoldOutcome>(units, cancellationToken).ConfigureAwait(false);
        // Loading needs no randomness, so any context reads the bytes back as they were written.
        var mlContext = new MLContext(seed: 0);
        var results = outcomes.Select((outcome, fold) =>
        {
            var scored = DataViewBytes.Load(mlContext, outcome.ScoredTestSet);
            return new CrossValidationFold<TReport>(fold, ModelBytes.Load(mlContext, outcome.Model), evaluate(scored), scored);
        }).ToArray();
        return new CrossValidationReport<TReport>(results);
    }
}
