using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// Cross-validation on the task catalogs, returning our detailed reports per fold with mean and standard
/// deviation of every metric. Works with any <see cref="IEstimator{TTransformer}"/>: ML.NET's trainers and pipelines or ours.
/// The catalogs do not expose their <see cref="MLContext"/>, and the folds need its data catalog, so the context is
/// passed too: <c>mlContext.BinaryClassification.StratifiedCrossValidate(mlContext, data, pipeline)</c>.
/// </summary>
public static class CrossValidationCatalog
{
    /// <summary>Stratified k-fold: each fold keeps the data's positive rate. The estimator's output must have Score and Probability (or Score alone).</summary>
    public static CrossValidationReport<BinaryClassificationReport> StratifiedCrossValidate(this BinaryClassificationCatalog catalog,
        MLContext mlContext, IDataView data, IEstimator<ITransformer> estimator, int numberOfFolds = 5,
        string labelColumnName = "Label", int? seed = null, bool parallel = false)
    {
        CheckContext(catalog, mlContext, mlContext?.BinaryClassification);
        var folds = mlContext!.Data.StratifiedKFold(data, numberOfFolds, labelColumnName, seed);
        return CrossValidation.Run(folds, estimator, scored => catalog.EvaluateDetailed(scored, labelColumnName), parallel);
    }

    /// <summary>Stratified k-fold: each fold keeps the data's class proportions. The estimator's output must have a Score vector.</summary>
    public static CrossValidationReport<MulticlassClassificationReport> StratifiedCrossValidate(this MulticlassClassificationCatalog catalog,
        MLContext mlContext, IDataView data, IEstimator<ITransformer> estimator, int numberOfFolds = 5,
        string labelColumnName = "Label", int? seed = null, bool parallel = false)
    {
        CheckContext(catalog, mlContext, mlContext?.MulticlassClassification);
        var folds = mlContext!.Data.StratifiedKFold(data, numberOfFolds, labelColumnName, seed);
        return CrossValidation.Run(folds, estimator, scored => catalog.EvaluateDetailed(scored, labelColumnName), parallel);
    }

    /// <summary>
    /// Plain k-fold on shuffled rows, or, with <paramref name="stratificationBins"/>, stratified on the label cut into that
    /// many quantile bins so each fold sees the whole range of targets (worth it for small or skewed data).
    /// </summary>
    public static CrossValidationReport<RegressionReport> KFoldCrossValidate(this RegressionCatalog catalog,
        MLContext mlContext, IDataView data, IEstimator<ITransformer> estimator, int numberOfFolds = 5,
        string labelColumnName = "Label", int? seed = null, int? stratificationBins = null, bool parallel = false)
    {
        CheckContext(catalog, mlContext, mlContext?.Regression);
        if (stratificationBins is <= 1)
            throw new ArgumentOutOfRangeException(nameof(stratificationBins), $"Stratifying needs at least 2 bins; it is {stratificationBins}.");
        var folds = stratificationBins is int bins
            ? mlContext!.Data.StratifiedKFold(data, numberOfFolds, labelColumnName, seed, bins)
            : mlContext!.Data.KFold(data, numberOfFolds, seed);
        return CrossValidation.Run(folds, estimator, scored => catalog.EvaluateDetailed(scored, labelColumnName), parallel);
    }

    private static void CheckContext(object catalog, MLContext? mlContext, object? contextCatalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(mlContext);
        // Each MLContext creates its catalogs once, so a different instance means the catalog came from another context.
        if (!ReferenceEquals(catalog, contextCatalog))
            throw new ArgumentException("The MLContext passed is not the one this catalog belongs to.", nameof(mlContext));
    }
}
