using Microsoft.ML;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;
using static MLExtensions.Tests.Splits.SplitTestData;

namespace MLExtensions.Tests.Splits;

/// <summary>
/// The trainers' validation hold-out (the engine's <see cref="HoldOut"/>) and <c>StratifiedTrainTestSplit</c> share one
/// allocation rule, so the same fraction of the same labels holds out the same number of rows of every class.
/// </summary>
public class ValidationFractionAgreesWithTestSplitTests
{
    private readonly MLContext _ml = new(seed: 1);

    /// <summary>Classes c, a, b, d, e (in order of first appearance) of 5, 5, 10, 7 and 1 rows, interleaved.</summary>
    private static string[] Labels()
    {
        var sizes = new[] { ("c", 5), ("a", 5), ("b", 10), ("d", 7), ("e", 1) };
        var labels = new List<string>();
        for (int round = 0; labels.Count < sizes.Sum(s => s.Item2); round++)
            foreach (var (name, size) in sizes)
                if (round < size)
                    labels.Add(name);
        return labels.ToArray();
    }

    private Dictionary<string, int> TestSplitCounts(string[] labels, double fraction) =>
        CountsByLabel(_ml.Data.StratifiedTrainTestSplit(Load(_ml, labels), fraction, seed: 5).TestSet, labels);

    /// <summary>The hold-out of an engine data set whose class codes are alphabetical, not in order of appearance.</summary>
    private static Dictionary<string, int> ValidationCounts(string[] labels, double fraction)
    {
        var codes = labels.Distinct().Order().ToList();
        var targets = labels.Select(l => (float)codes.IndexOf(l)).ToArray();
        var data = new TrainingData(new float[labels.Length], 1, targets, 1);
        var validation = HoldOut.Split(data, fraction, stratify: true, new RandomSource(5)).Validation;
        var counts = new Dictionary<string, int>();
        for (int row = 0; row < validation.RowCount; row++)
        {
            string label = codes[(int)validation.TargetsOf(row)[0]];
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }
        return counts;
    }

    [Fact]
    public void ATenthHeldOutForValidationAndATenthTestSplitTakeTheSameRowsOfEveryClass()
    {
        // 28 rows at 0.1: 2.8 rounds to 3. Exact shares 15/28 (c), 15/28 (a), 30/28 (b), 21/28 (d), 3/28 (e): b's floor 1,
        // then the largest remainders d (21) and c (15, tied with a but first to appear); e keeps its single row.
        var labels = Labels();
        var expected = new Dictionary<string, int> { ["b"] = 1, ["c"] = 1, ["d"] = 1 };
        Assert.Equal(expected, TestSplitCounts(labels, 0.1));
        Assert.Equal(expected, ValidationCounts(labels, 0.1));
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.2)]
    [InlineData(0.25)]
    [InlineData(1.0 / 3)]
    [InlineData(0.5)]
    public void AnyFractionHoldsOutTheSameCountsBothWays(double fraction)
    {
        var labels = Labels().Concat(SplitTestData.Classes(13, 4, 9, 2)).ToArray();
        Assert.Equal(TestSplitCounts(labels, fraction), ValidationCounts(labels, fraction));
    }
}
