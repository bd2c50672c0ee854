using Microsoft.ML;
using static MLExtensions.Tests.Splits.SplitTestData;

namespace MLExtensions.Tests.Splits;

public class StratifiedTrainValidationTestSplitTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void SixtyTwentyTwentyKeepsEveryClassProportion()
    {
        var labels = Classes(50, 30, 20);
        var split = _ml.Data.StratifiedTrainValidationTestSplit(Load(_ml, labels), seed: 11);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 30, ["b"] = 18, ["c"] = 12 }, CountsByLabel(split.TrainSet, labels));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 6, ["c"] = 4 }, CountsByLabel(split.ValidationSet, labels));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 6, ["c"] = 4 }, CountsByLabel(split.TestSet, labels));
        AssertDisjointAndCovering(labels.Length, split.TrainSet, split.ValidationSet, split.TestSet);
    }

    [Fact]
    public void SmallClassesKeepTheirTrainingRowsWhileTestThenValidationTakeTheLargestRemainders()
    {
        // 25 rows at 0.7/0.1/0.2: quotas 17.5/2.5/5, the half row to training: totals 18/2/5.
        // Test, 5 rows: shares 4 (a), 0.4 (b), 0.6 (c): a's 4 and c's remainder. Validation, 2 rows: shares 1.6 (a),
        // 0.16 (b), 0.24 (c): a's 1 and a's remainder.
        var labels = Classes(20, 2, 3);
        var split = _ml.Data.StratifiedTrainValidationTestSplit(Load(_ml, labels), validationFraction: 0.1, testFraction: 0.2, seed: 2);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 14, ["b"] = 2, ["c"] = 2 }, CountsByLabel(split.TrainSet, labels));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 4, ["c"] = 1 }, CountsByLabel(split.TestSet, labels));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2 }, CountsByLabel(split.ValidationSet, labels));
    }

    [Fact]
    public void IsDeterministicPerSeed()
    {
        var data = Load(_ml, Classes(40, 40));
        var a = _ml.Data.StratifiedTrainValidationTestSplit(data, seed: 5);
        var b = _ml.Data.StratifiedTrainValidationTestSplit(data, seed: 5);
        var c = _ml.Data.StratifiedTrainValidationTestSplit(data, seed: 6);

        Assert.Equal(Ids(a.ValidationSet), Ids(b.ValidationSet));
        Assert.NotEqual(Ids(a.ValidationSet), Ids(c.ValidationSet));
    }
}
