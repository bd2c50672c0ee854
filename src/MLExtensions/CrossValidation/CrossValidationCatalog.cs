using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// Stratified cross-validation on the task catalogs, shaped like ML.NET's own <c>CrossValidate</c>:
/// <c>mlContext.MulticlassClassification.StratifiedCrossValidate(data, pipeline, labelColumnName: "LabelKey", stratificationColumnName: "Label")</c>.
/// Each fold's result holds ML.NET's own metrics object (from ML.NET's evaluator) and our detailed report; the
/// summary gives mean and standard deviation of every metric. Works with any <see cref="IEstimator{TTransformer}"/>.
/// <para>Two columns are named because they play two parts: the folds are drawn on the <em>input</em> data, stratified on
/// <c>stratificationColumnName</c> (default: the label's name), and each fold's <em>scored</em> output is evaluated on
/// <c>labelColumnName</c>. A pipeline that keys the label itself (<c>MapValueToKey("LabelKey", "Label")</c>) therefore
/// stratifies on "Label" and evaluates on "LabelKey"; one that keeps the name ("Label" in and out) needs neither.</para>
/// </summary>
public static class CrossValidationCatalog
{
    /// <summary>Stratified k-fold: each fold keeps the data's positive rate.</summary>
    /// <param name="catalog">The binary classification catalog, whose <c>EvaluateDetailed</c> evaluates each fold.</param>
    /// <param name="data">The rows to cross-validate on; every row is in exactly one test fold.</param>
    /// <param name="estimator">The pipeline to fit on each fold.</param>
    /// <param name="numberOfFolds">The number of folds; at least 2 and at most the number of rows. Default 5.</param>
    /// <param name="labelColumnName">The label column of the scored output, which ML.NET's evaluator reads.</param>
    /// <param name="stratificationColumnName">The input column whose classes each fold keeps in proportion; null means <paramref name="labelColumnName"/>.</param>
    /// <param name="seed">Seeds the assignment of rows to folds; null means 0 (the same folds on every call).</param>
    /// <param name="parallel">Fit the folds concurrently; the results equal the sequential ones.</param>
    /// <returns>Every fold's model, detailed report and scored test set, and each metric's mean and standard deviation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/>, <paramref name="data"/> or <paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> is out of range, or the stratification
    /// column is missing or of a type that cannot be stratified on.</exception>
    /// <exception cref="ArgumentException">The data has fewer rows than folds.</exception>
    public static CrossValidationReport<BinaryClassificationReport> StratifiedCrossValidate(this BinaryClassificationCatalog catalog,
        IDataView data, IEstimator<ITransformer> estimator, int numberOfFolds = 5, string labelColumnName = "Label",
        string? stratificationColumnName = null, int? seed = null, bool parallel = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var folds = Splits.Folds.Stratified(data, numberOfFolds, stratificationColumnName ?? labelColumnName, seed);
        return CrossValidation.Run(folds, estimator, scored => catalog.EvaluateDetailed(scored, labelColumnName), parallel);
    }

    /// <summary>Stratified k-fold: each fold keeps the data's class proportions.</summary>
    /// <param name="catalog">The multiclass classification catalog, whose <c>EvaluateDetailed</c> evaluates each fold.</param>
    /// <param name="data">The rows to cross-validate on; every row is in exactly one test fold.</param>
    /// <param name="estimator">The pipeline to fit on each fold.</param>
    /// <param name="numberOfFolds">The number of folds; at least 2 and at most the number of rows. Default 5.</param>
    /// <param name="labelColumnName">The label column of the scored output, which ML.NET's evaluator reads.</param>
    /// <param name="stratificationColumnName">The input column whose classes each fold keeps in proportion; null means <paramref name="labelColumnName"/>.</param>
    /// <param name="seed">Seeds the assignment of rows to folds; null means 0 (the same folds on every call).</param>
    /// <param name="parallel">Fit the folds concurrently; the results equal the sequential ones.</param>
    /// <returns>Every fold's model, detailed report and scored test set, and each metric's mean and standard deviation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/>, <paramref name="data"/> or <paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> is out of range, or the stratification
    /// column is missing or of a type that cannot be stratified on.</exception>
    /// <exception cref="ArgumentException">The data has fewer rows than folds.</exception>
    public static CrossValidationReport<MulticlassClassificationReport> StratifiedCrossValidate(this MulticlassClassificationCatalog catalog,
        IDataView data, IEstimator<ITransformer> estimator, int numberOfFolds = 5, string labelColumnName = "Label",
        string? stratificationColumnName = null, int? seed = null, bool parallel = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var folds = Splits.Folds.Stratified(data, numberOfFolds, stratificationColumnName ?? labelColumnName, seed);
        return CrossValidation.Run(folds, estimator, scored => catalog.EvaluateDetailed(scored, labelColumnName), parallel);
    }

    /// <summary>
    /// Plain k-fold on shuffled rows, or, with <paramref name="stratificationBins"/>, stratified on the target cut into that
    /// many quantile bins so each fold sees the whole range of targets (worth it for small or skewed data).
    /// </summary>
    /// <param name="catalog">The regression catalog, whose <c>EvaluateDetailed</c> evaluates each fold.</param>
    /// <param name="data">The rows to cross-validate on; every row is in exactly one test fold.</param>
    /// <param name="estimator">The pipeline to fit on each fold.</param>
    /// <param name="numberOfFolds">The number of folds; at least 2 and at most the number of rows. Default 5.</param>
    /// <param name="labelColumnName">The label column of the scored output, which ML.NET's evaluator reads.</param>
    /// <param name="stratificationColumnName">With <paramref name="stratificationBins"/>: the input column to bin; null means <paramref name="labelColumnName"/>.</param>
    /// <param name="seed">Seeds the assignment of rows to folds; null means 0 (the same folds on every call).</param>
    /// <param name="stratificationBins">The number of quantile bins to stratify on; at least 2. Null (the default) draws plain
    /// k-fold on shuffled rows.</param>
    /// <param name="parallel">Fit the folds concurrently; the results equal the sequential ones.</param>
    /// <returns>Every fold's model, detailed report and scored test set, and each metric's mean and standard deviation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/>, <paramref name="data"/> or <paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> or <paramref name="stratificationBins"/> is
    /// out of range, or the stratification column is missing or of a type that cannot be binned.</exception>
    /// <exception cref="ArgumentException">The data has fewer rows than folds.</exception>
    public static CrossValidationReport<RegressionReport> KFoldCrossValidate(this RegressionCatalog catalog,
        IDataView data, IEstimator<ITransformer> estimator, int numberOfFolds = 5, string labelColumnName = "Label",
        string? stratificationColumnName = null, int? seed = null, int? stratificationBins = null, bool parallel = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        CheckStratificationBins(stratificationBins);
        var folds = stratificationBins is int bins
            ? Splits.Folds.Stratified(data, numberOfFolds, stratificationColumnName ?? labelColumnName, seed, bins)
            : Splits.Folds.Plain(data, numberOfFolds, seed);
        return CrossValidation.Run(folds, estimator, scored => catalog.EvaluateDetailed(scored, labelColumnName), parallel);
    }

    /// <summary>Also what k-fold cross-validation on a cluster checks before it sends any fold away.</summary>
    internal static void CheckStratificationBins(int? stratificationBins)
    {
        if (stratificationBins is <= 1)
            throw new ArgumentOutOfRangeException(nameof(stratificationBins), $"Stratifying needs at least 2 bins; it is {stratificationBins}.");
    }
}
