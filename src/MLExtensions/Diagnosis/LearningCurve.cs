using System.Globalization;
using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// Trains an estimator on doubling, stratified subsets of the training data (e.g. 64, 128, 256, ..., all rows) and
/// measures training and validation error at each size, to answer "will more data help?". Error is 1 − accuracy
/// for classification and RMSE for regression.
/// </summary>
public static class LearningCurve
{
    /// <summary>
    /// Fits <paramref name="estimator"/> once per training size and judges the curve's last doubling: whether validation
    /// error is still falling and how far it stays above training error.
    /// </summary>
    /// <param name="mlContext">The context whose evaluators and splits are used.</param>
    /// <param name="kind">The task, which picks the evaluator and the error.</param>
    /// <param name="estimator">The pipeline to fit at each size.</param>
    /// <param name="trainData">The training rows; at least one (after the hold-out, when there is one).</param>
    /// <param name="validationData">Held-out data; when null, a stratified 20% of <paramref name="trainData"/> is held out.</param>
    /// <param name="minimumSize">The smallest training subset; at least 1. Default 64. Sizes double from it up to the whole
    /// training set.</param>
    /// <param name="seed">Seeds the hold-out and the subsets; null means 0 (the same curve on every call).</param>
    /// <param name="labelColumnName">The label column of the scored output, which the evaluator reads.</param>
    /// <param name="stratificationColumnName">The input column the subsets and the hold-out keep in proportion; null means <paramref name="labelColumnName"/>.</param>
    /// <param name="numberOfBins">Regression targets are cut into this many quantile bins so each subset spans their range;
    /// positive. Default 10.</param>
    /// <param name="improvementThreshold">A relative fall in validation error over the last doubling at least this large counts
    /// as "still falling". Default 0.05 (5%).</param>
    /// <param name="gapThreshold">A validation − training gap above this fraction of the validation error counts as large.
    /// Default 0.2 (20%).</param>
    /// <returns>The errors at each size, the verdict and the numbers behind it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mlContext"/>, <paramref name="estimator"/> or <paramref name="trainData"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is undefined, <paramref name="minimumSize"/> or
    /// <paramref name="numberOfBins"/> is out of range, or the stratification column is missing or cannot be stratified on.</exception>
    /// <exception cref="ArgumentException">The training data has no rows, or too few to hold some out.</exception>
    public static LearningCurveResult Compute(MLContext mlContext, PredictionKind kind, IEstimator<ITransformer> estimator,
        IDataView trainData, IDataView? validationData = null, string labelColumnName = "Label", int minimumSize = 64,
        int? seed = null, int numberOfBins = 10, double improvementThreshold = 0.05, double gapThreshold = 0.2,
        string? stratificationColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(trainData);
        TaskEvaluation.CheckKind(kind);
        CheckMinimumSize(minimumSize);

        string strata = stratificationColumnName ?? labelColumnName;
        (trainData, validationData) = Prepare(mlContext, trainData, validationData, strata, seed, numberOfBins);
        long total = CountTrainingRows(trainData);

        var points = new List<LearningCurvePoint>();
        foreach (long size in Sizes(minimumSize, total))
            points.Add(Measure(mlContext, kind, estimator, trainData, validationData, labelColumnName, size, total, strata, seed, numberOfBins));
        var (verdict, explanation) = Judge(points, improvementThreshold, gapThreshold);
        return new LearningCurveResult(kind, points, verdict, explanation);
    }

    /// <summary>The training data and the validation data the curve measures on: a stratified 20% of the training data is
    /// held out when no validation data is given.</summary>
    internal static (IDataView Train, IDataView Validation) Prepare(MLContext mlContext, IDataView trainData, IDataView? validationData,
        string strata, int? seed, int numberOfBins)
    {
        if (validationData is not null)
            return (trainData, validationData);
        var holdOut = mlContext.Data.StratifiedTrainTestSplit(trainData, 0.2, strata, seed, numberOfBins);
        return (holdOut.TrainSet, holdOut.TestSet);
    }

    /// <summary>The rows of the prepared training data; none is an error.</summary>
    internal static long CountTrainingRows(IDataView trainData)
    {
        long total = Count(trainData);
        if (total == 0)
            throw new ArgumentException("The training data has no rows.", nameof(trainData));
        return total;
    }

    /// <summary>One point of the curve: the estimator fitted on a stratified subset of <paramref name="size"/> of the
    /// <paramref name="total"/> training rows (all of them at the full size), and its error on that subset and on the validation data.</summary>
    internal static LearningCurvePoint Measure(MLContext mlContext, PredictionKind kind, IEstimator<ITransformer> estimator,
        IDataView trainData, IDataView validationData, string labelColumnName, long size, long total, string strata, int? seed, int numberOfBins)
    {
        var subset = size >= total
            ? trainData
            : mlContext.Data.StratifiedTrainTestSplit(trainData, 1 - (double)size / total, strata, seed, numberOfBins).TrainSet;
        var model = estimator.Fit(subset);
        double trainingError = TaskEvaluation.Error(TaskEvaluation.Evaluate(mlContext, kind, model.Transform(subset), labelColumnName));
        double validationError = TaskEvaluation.Error(TaskEvaluation.Evaluate(mlContext, kind, model.Transform(validationData), labelColumnName));
        return new LearningCurvePoint(Count(subset), trainingError, validationError);
    }

    internal static IEnumerable<long> Sizes(long minimum, long total)
    {
        for (long size = minimum; size < total; size *= 2)
            yield return size;
        yield return total;
    }

    internal static (MoreDataVerdict, string) Judge(IReadOnlyList<LearningCurvePoint> points, double improvementThreshold, double gapThreshold)
    {
        if (points.Count < 2)
            return (MoreDataVerdict.Inconclusive, "Only one training size fits in the data; lower minimumSize to see a trend.");
        var last = points[^1];
        var previous = points[^2];
        double fall = previous.ValidationError - last.ValidationError;
        double relativeFall = previous.ValidationError > 0 ? fall / previous.ValidationError : 0;
        double relativeGap = last.ValidationError > 0 ? last.Gap / last.ValidationError : 0;
        bool stillFalling = relativeFall >= improvementThreshold;
        bool largeGap = relativeGap > gapThreshold;
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"Doubling from {previous.TrainingSize} to {last.TrainingSize} rows changed validation error by {-relativeFall:P1}; " +
            $"the gap to training error is {relativeGap:P0} of the validation error.");
        if (stillFalling && largeGap)
            return (MoreDataVerdict.LikelyHelps, numbers + " Validation error is still falling and the gap is large: more data should help.");
        if (largeGap)
            return (MoreDataVerdict.PlateauedWithGap, numbers + " Validation error has levelled off above training error: try regularization; more data helps little at this rate.");
        if (stillFalling)
            return (MoreDataVerdict.LikelyHelps, numbers + " Validation error is still falling: more data should help, though the small gap suggests a bigger model will help too.");
        return (MoreDataVerdict.UnlikelyHelps, numbers + " Training and validation error have converged: the model is bias-limited; more data will not help, a bigger model may.");
    }

    private static long Count(IDataView data)
    {
        if (data.GetRowCount() is long known)
            return known;
        long count = 0;
        using var cursor = data.GetRowCursor(Array.Empty<DataViewSchema.Column>());
        while (cursor.MoveNext())
            count++;
        return count;
    }

    /// <summary>Also what a learning curve on a cluster checks before it sends any point away.</summary>
    internal static void CheckMinimumSize(int minimumSize)
    {
        if (minimumSize < 1)
            throw new ArgumentOutOfRangeException(nameof(minimumSize), $"The smallest training size must be at least 1; it is {minimumSize}.");
    }
}
