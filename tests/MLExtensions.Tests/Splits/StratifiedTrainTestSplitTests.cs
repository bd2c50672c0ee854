using Microsoft.ML;
using MLExtensions.Tests.Support;
using static MLExtensions.Tests.Splits.SplitTestData;

namespace MLExtensions.Tests.Splits;

public class StratifiedTrainTestSplitTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void SkewedClassesGetExactPerClassCounts()
    {
        var labels = Classes(70, 25, 5);
        var split = _ml.Data.StratifiedTrainTestSplit(Load(_ml, labels), testFraction: 0.2, seed: 3);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 14, ["b"] = 5, ["c"] = 1 }, CountsByLabel(split.TestSet, labels));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 56, ["b"] = 20, ["c"] = 4 }, CountsByLabel(split.TrainSet, labels));
        Assert.Equal(20, split.TestSet.GetRowCount());
        Assert.Equal(80, split.TrainSet.GetRowCount());
    }

    [Fact]
    public void SmallClassesDoNotInflateTheTestPartAndASingleRowTrains()
    {
        // 46 rows at 0.1: 4.6 rounds to 5 test rows. Exact shares 200/46 = 4.35 (a), 10/46 (b), 15/46 (c), 5/46 (d): the
        // floor 4 of a, then the largest remainder, a's again. A row of b and of c each would make it 13% instead of 11%.
        var labels = Classes(40, 2, 3, 1);
        var split = _ml.Data.StratifiedTrainTestSplit(Load(_ml, labels), testFraction: 0.1, seed: 9);

        var test = CountsByLabel(split.TestSet, labels);
        var train = CountsByLabel(split.TrainSet, labels);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 5 }, test);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 35, ["b"] = 2, ["c"] = 3, ["d"] = 1 }, train);
    }

    [Fact]
    public void PartsAreDisjointAndCoverEveryRow()
    {
        var labels = Classes(33, 17, 8);
        var split = _ml.Data.StratifiedTrainTestSplit(Load(_ml, labels), testFraction: 0.3, seed: 4);

        AssertDisjointAndCovering(labels.Length, split.TrainSet, split.TestSet);
    }

    [Fact]
    public void TheSameSeedGivesTheSamePartsAndOtherSeedsOthers()
    {
        var data = Load(_ml, Classes(50, 30, 20));

        var first = Ids(_ml.Data.StratifiedTrainTestSplit(data, seed: 7).TestSet);
        Assert.Equal(first, Ids(_ml.Data.StratifiedTrainTestSplit(data, seed: 7).TestSet));
        Assert.Equal(first, Ids(new MLContext(seed: 99).Data.StratifiedTrainTestSplit(data, seed: 7).TestSet));
        Assert.NotEqual(first, Ids(_ml.Data.StratifiedTrainTestSplit(data, seed: 8).TestSet));
        Assert.Equal(Ids(_ml.Data.StratifiedTrainTestSplit(data, seed: 0).TestSet), Ids(_ml.Data.StratifiedTrainTestSplit(data).TestSet));
    }

    [Fact]
    public void RowsKeepTheirSourceOrderWithinAPart()
    {
        var split = _ml.Data.StratifiedTrainTestSplit(Load(_ml, Classes(30, 30)), seed: 2);

        var ids = Ids(split.TrainSet);
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public void AFloatLabelIsStratifiedByQuantileBins()
    {
        // 100 distinct targets in 5 bins of 20: each bin gives 4 test rows, so the test part spans the whole range.
        var labels = Enumerable.Range(0, 100).Select(i => (float)Math.Exp(i / 10.0)).Reverse().ToArray();
        var split = _ml.Data.StratifiedTrainTestSplit(Load(_ml, labels), testFraction: 0.2, seed: 5, numberOfBins: 5);

        var testBins = Ids(split.TestSet).Select(id => (99 - id) / 20).GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, 5).ToDictionary(b => b, _ => 4), testBins);
    }

    [Fact]
    public void EqualFloatLabelsShareABinSoClassCodesAreStratifiedExactly()
    {
        var labels = Classes(70, 25, 5).Select(c => (double)(c[0] - 'a')).ToArray();
        var split = _ml.Data.StratifiedTrainTestSplit(Load(_ml, labels), testFraction: 0.2, seed: 1);

        Assert.Equal(new Dictionary<double, int> { [0] = 14, [1] = 5, [2] = 1 }, CountsByLabel(split.TestSet, labels));
    }

    [Fact]
    public void APartReadsThroughTheSourceInsteadOfCopyingIt()
    {
        var rows = Enumerable.Range(0, 20).Select(i => new MutableRow { Id = i, Label = i % 2 == 0 ? "x" : "y", Value = i }).ToList();
        var source = new CountingDataView(_ml.Data.LoadFromEnumerable(rows));
        var split = _ml.Data.StratifiedTrainTestSplit(source, testFraction: 0.5, seed: 1);
        int afterSplit = source.CursorsOpened;

        foreach (var row in rows)
            row.Value = -row.Value;
        var values = _ml.Data.CreateEnumerable<MutableRow>(split.TestSet, reuseRowObject: false).ToList();

        Assert.Equal(1, afterSplit); // the label, read once
        Assert.Equal(2, source.CursorsOpened);
        Assert.All(values, r => Assert.Equal(-r.Id, r.Value));
    }

    [Fact]
    public void APartIsASingleCursorViewThatCannotShuffle()
    {
        var data = Load(_ml, Classes(10, 10));
        var test = _ml.Data.StratifiedTrainTestSplit(data, testFraction: 0.5).TestSet;

        Assert.False(test.CanShuffle);
        Assert.Same(data.Schema, test.Schema);
        var cursors = test.GetRowCursorSet(test.Schema, 4);
        using var cursor = Assert.Single(cursors);
        var positions = new List<long>();
        while (cursor.MoveNext())
            positions.Add(cursor.Position);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), positions);
    }

    [Fact]
    public void ChangingTheNumberOfSourceRowsAfterSplittingIsReported()
    {
        var rows = Enumerable.Range(0, 10).Select(i => new MutableRow { Id = i, Label = "x" }).ToList();
        var split = _ml.Data.StratifiedTrainTestSplit(_ml.Data.LoadFromEnumerable(rows), testFraction: 0.5);
        rows.Add(new MutableRow { Id = 10, Label = "x" });

        var error = Assert.Throws<InvalidOperationException>(() => Ids(split.TrainSet));
        Assert.Contains("Split the data again", error.Message);
    }

    [Fact]
    public void PartsComposeWithMLNetOperations()
    {
        var data = Load(_ml, Classes(30, 10));
        var split = _ml.Data.StratifiedTrainTestSplit(data, testFraction: 0.25, seed: 3);

        Assert.Equal(Ids(split.TestSet).Take(4), Ids(_ml.Data.TakeRows(split.TestSet, 4)));
        var (train, test) = split;
        Assert.Same(split.TrainSet, train);
        Assert.Same(split.TestSet, test);
    }
}
