using Microsoft.ML;

namespace MLExtensions.Splits;

/// <summary>
/// k-fold splits as views over the data: the one implementation behind <c>StratifiedKFold</c>/<c>KFold</c> and
/// every cross-validation, search and learning curve that draws folds. A null seed means 0.
/// </summary>
internal static class Folds
{
    public static IReadOnlyList<TrainTestSplit> Stratified(IDataView data, int numberOfFolds, string stratificationColumnName,
        int? seed, int numberOfBins = 10)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFolds(numberOfFolds);
        StratifiedSplitCatalog.CheckBins(numberOfBins);
        var strata = LabelStrata.Read(data, stratificationColumnName, numberOfBins);
        StratifiedSplitCatalog.CheckRows(strata.Length, numberOfFolds, $"{numberOfFolds}-fold cross-validation");
        return Split(data, RowAssignment.ByFolds(strata, numberOfFolds, seed ?? 0), numberOfFolds);
    }

    public static IReadOnlyList<TrainTestSplit> Plain(IDataView data, int numberOfFolds, int? seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFolds(numberOfFolds);
        int rows = LabelStrata.CountRows(data);
        StratifiedSplitCatalog.CheckRows(rows, numberOfFolds, $"{numberOfFolds}-fold cross-validation");
        return Split(data, RowAssignment.ByFolds(new int[rows], numberOfFolds, seed ?? 0), numberOfFolds);
    }

    /// <summary>Also what cross-validation on a cluster checks before it sends any fold away.</summary>
    internal static void CheckFolds(int numberOfFolds)
    {
        if (numberOfFolds < 2)
            throw new ArgumentOutOfRangeException(nameof(numberOfFolds), numberOfFolds, "Cross-validation needs at least 2 folds.");
    }

    private static IReadOnlyList<TrainTestSplit> Split(IDataView data, int[] foldOfRow, int numberOfFolds)
    {
        var folds = new TrainTestSplit[numberOfFolds];
        for (int fold = 0; fold < numberOfFolds; fold++)
        {
            var test = new bool[numberOfFolds];
            test[fold] = true;
            var train = test.Select(t => !t).ToArray();
            folds[fold] = new TrainTestSplit(new RowSubsetDataView(data, foldOfRow, train), new RowSubsetDataView(data, foldOfRow, test));
        }
        return Array.AsReadOnly(folds);
    }
}
