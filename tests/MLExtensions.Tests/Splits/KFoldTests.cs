using Microsoft.ML;
using static MLExtensions.Tests.Splits.SplitTestData;

namespace MLExtensions.Tests.Splits;

public class KFoldTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void StratifiedFoldsHoldEachClassEvenly()
    {
        var labels = Classes(70, 25, 5, 3);
        var folds = _ml.Data.StratifiedKFold(Load(_ml, labels), numberOfFolds: 5, seed: 4);

        Assert.Equal(5, folds.Count);
        var perFold = folds.Select(f => CountsByLabel(f.TestSet, labels)).ToArray();
        Assert.All(perFold, counts => Assert.Equal((14, 5, 1), (counts["a"], counts["b"], counts["c"])));
        Assert.Equal(3, perFold.Count(counts => counts.ContainsKey("d")));
        var sizes = folds.Select(f => (int)f.TestSet.GetRowCount()!.Value).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
    }

    [Fact]
    public void EveryRowIsTestedOnceAndTrainsInTheOtherFolds()
    {
        var labels = Classes(23, 11);
        var folds = _ml.Data.StratifiedKFold(Load(_ml, labels), numberOfFolds: 4, seed: 2);

        AssertDisjointAndCovering(labels.Length, folds.Select(f => f.TestSet).ToArray());
        foreach (var fold in folds)
            AssertDisjointAndCovering(labels.Length, fold.TrainSet, fold.TestSet);
        foreach (var counts in folds.Select(f => CountsByLabel(f.TestSet, labels)))
        {
            Assert.InRange(counts["a"], 5, 6);
            Assert.InRange(counts["b"], 2, 3);
        }
    }

    [Fact]
    public void PlainFoldsDifferInSizeByAtMostOne()
    {
        var folds = _ml.Data.KFold(Load(_ml, Classes(23)), numberOfFolds: 5, seed: 1);

        Assert.Equal(new long?[] { 5, 5, 5, 4, 4 }, folds.Select(f => f.TestSet.GetRowCount()).OrderDescending());
        AssertDisjointAndCovering(23, folds.Select(f => f.TestSet).ToArray());
        Assert.All(folds, f => Assert.Equal(23, f.TrainSet.GetRowCount() + f.TestSet.GetRowCount()));
    }

    [Fact]
    public void PlainFoldsNeedNoLabelAndShuffleBySeed()
    {
        var data = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 30).Select(i => new MutableRow { Id = i }).ToList());

        var a = _ml.Data.KFold(data, 3, seed: 1);
        Assert.Equal(Ids(a[0].TestSet), Ids(_ml.Data.KFold(data, 3, seed: 1)[0].TestSet));
        Assert.NotEqual(Ids(a[0].TestSet), Ids(_ml.Data.KFold(data, 3, seed: 2)[0].TestSet));
        Assert.NotEqual(Enumerable.Range(0, 10), Ids(a[0].TestSet));
    }

    [Fact]
    public void StratifiedFoldsOfAFloatLabelSpreadEveryBin()
    {
        var labels = Enumerable.Range(0, 50).Select(i => i * 0.5f).ToArray();
        var folds = _ml.Data.StratifiedKFold(Load(_ml, labels), numberOfFolds: 5, seed: 3, numberOfBins: 10);

        // Ten bins of five consecutive targets, dealt over five folds: each fold gets one row of every bin.
        foreach (var fold in folds)
            Assert.Equal(Enumerable.Range(0, 10), Ids(fold.TestSet).Select(id => id / 5).Order());
    }

    [Fact]
    public void FoldsCanBeReadConcurrently()
    {
        var labels = Classes(60, 40);
        var folds = _ml.Data.StratifiedKFold(Load(_ml, labels), numberOfFolds: 5, seed: 3);
        var expected = folds.Select(f => Ids(f.TrainSet)).ToArray();

        var actual = new int[folds.Count][];
        Parallel.For(0, folds.Count, i => actual[i] = Ids(folds[i].TrainSet));
        Assert.Equal(expected, actual);
    }
}
