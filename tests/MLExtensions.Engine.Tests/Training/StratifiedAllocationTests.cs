using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Training;

/// <summary>The allocation rule of stratified splits, against counts worked out by hand from its documentation.</summary>
public class StratifiedAllocationTests
{
    private static readonly int[] TrainTest = [0, 1];
    private static readonly int[] TrainTestValidation = [0, 2, 1];

    private static int[] OneClass(int rows, double[] fractions, int[] priority) =>
        StratifiedAllocation.Allocate([rows], fractions, priority)[0];

    [Theory]
    [InlineData(70, 56, 14)]
    [InlineData(25, 20, 5)]
    [InlineData(5, 4, 1)]
    [InlineData(7, 6, 1)]   // 5.6/1.4: the larger remainder wins
    [InlineData(8, 6, 2)]   // 6.4/1.6
    [InlineData(2, 1, 1)]   // 1.6/0.4 would leave test empty
    [InlineData(1, 1, 0)]   // a single row goes to training
    public void OneClassAtTwentyPercent(int rows, int train, int test) =>
        Assert.Equal([train, test], OneClass(rows, [0.8, 0.2], TrainTest));

    [Fact]
    public void ASingleRowGoesToTrainingEvenWhenTestHasTheLargerShare() =>
        Assert.Equal([1, 0], OneClass(1, [0.3, 0.7], TrainTest));

    [Fact]
    public void EqualRemaindersOfPartsGoToTheFirstPartInPriority() =>
        Assert.Equal([3, 2], OneClass(5, [0.5, 0.5], TrainTest));

    [Theory]
    [InlineData(50, 30, 10, 10)]
    [InlineData(5, 3, 1, 1)]
    [InlineData(4, 2, 1, 1)]   // 2.4/0.8/0.8: test wins the tie, then validation
    [InlineData(3, 1, 1, 1)]   // 1.8/0.6/0.6 rounds to 2/0/1; validation's one row comes from training
    [InlineData(2, 1, 0, 1)]   // too small for all three: train, then test
    [InlineData(1, 1, 0, 0)]
    public void OneClassSixtyTwentyTwenty(int rows, int train, int validation, int test) =>
        Assert.Equal([train, validation, test], OneClass(rows, [0.6, 0.2, 0.2], TrainTestValidation));

    [Fact]
    public void OddClassSizesShareTheTestTotalByLargestRemainder()
    {
        // 15 rows at 0.2: 3 test rows. Exact shares 7·3/15 = 1.4, 5·3/15 = 1, 3·3/15 = 0.6: floors 1, 1, 0 and the
        // third row to the largest remainder, 0.6.
        var counts = StratifiedAllocation.Allocate([7, 5, 3], [0.8, 0.2], TrainTest);
        Assert.Equal([[6, 1], [4, 1], [2, 1]], counts);
    }

    [Fact]
    public void EqualRemaindersOfClassesGoToTheLowerIndex()
    {
        // 20 rows at 0.1: 2 test rows. Exact shares 0.5, 0.5, 1: the third class's row, then the first of the tie.
        Assert.Equal([[4, 1], [5, 0], [9, 1]], StratifiedAllocation.Allocate([5, 5, 10], [0.9, 0.1], TrainTest));
    }

    [Fact]
    public void ClassesSmallerThanTheNumberOfPartsKeepATrainingRowAndFillTestBeforeValidation()
    {
        // 23 rows at 0.6/0.2/0.2: quotas 13.8/4.6/4.6, floors 13/4/4, the two spare rows to training (0.8) and to test
        // (0.6, tied with validation, earlier in priority): totals 14/4/5.
        // Test, 5 rows: shares 100/23 = 4.35, 10/23 = 0.43, 5/23 = 0.22; floors 4, 0, 0; the fifth row to the second
        // class (the third, a single row, has none to spare).
        // Validation, 4 rows: shares 80/23 = 3.48, 8/23, 4/23; only the first class has rows to spare: 3, then 4.
        var counts = StratifiedAllocation.Allocate([20, 2, 1], [0.6, 0.2, 0.2], TrainTestValidation);
        Assert.Equal([[12, 4, 4], [1, 0, 1], [1, 0, 0]], counts);
    }

    [Fact]
    public void ManySmallClassesHoldOutTheFractionInTotalNotOneRowEach()
    {
        // 10 classes of 2 rows at 0.1: 2 test rows, from the first two classes (equal remainders), not one from each.
        var counts = StratifiedAllocation.Allocate(Enumerable.Repeat(2, 10).ToArray(), [0.9, 0.1], TrainTest);
        Assert.Equal([1, 1, 0, 0, 0, 0, 0, 0, 0, 0], counts.Select(c => c[1]));
    }

    [Fact]
    public void EveryAllocationIsCompleteKeepsATrainingRowPerClassReachesItsTotalAndStaysWithinARowOfEveryShare()
    {
        var random = new RandomSource(11);
        foreach (double f in new[] { 0.05, 0.1, 0.2, 1.0 / 3, 0.5, 0.9 })
            for (int trial = 0; trial < 40; trial++)
            {
                var sizes = Enumerable.Range(0, 1 + random.NextInt(6)).Select(_ => 1 + random.NextInt(30)).ToArray();
                int rows = sizes.Sum();
                var counts = StratifiedAllocation.Allocate(sizes, [1 - f, f], TrainTest);
                int test = counts.Sum(c => c[1]);
                // The test total asked for is rows·f rounded to the nearest row (half a row stays in training), at least one
                // row when there are two; a class's share is its part of that total.
                int total = rows < 2 ? 0 : Math.Clamp((int)Math.Ceiling(rows * f - 0.5 - 1e-9), 1, rows - 1);
                // A class above its share by a row or more takes the place of one that got less than its share because it
                // had only its training row left.
                bool aClassHadNoRowToSpare = Enumerable.Range(0, sizes.Length)
                    .Any(c => counts[c][0] == 1 && counts[c][1] < (double)sizes[c] * total / rows);
                for (int c = 0; c < sizes.Length; c++)
                {
                    Assert.Equal(sizes[c], counts[c].Sum());
                    Assert.True(counts[c][0] >= 1, $"class {c} of [{string.Join(", ", sizes)}] lost its training rows at {f}");
                    double share = (double)sizes[c] * total / rows;
                    Assert.True((counts[c][1] < share + 1 || aClassHadNoRowToSpare) && (counts[c][1] > share - 1 || counts[c][0] == 1),
                        $"class {c} of [{string.Join(", ", sizes)}] at {f}: {counts[c][1]} test rows for a share of {share:F2}");
                }
                // The total is reached whenever the classes have that many rows to spare.
                Assert.Equal(Math.Min(total, sizes.Sum(size => size - 1)), test);
            }
    }

    [Fact]
    public void AssignDealsEachShuffledClassInPartOrderAndRepeatsForASeed()
    {
        int[] classOfRow = [0, 1, 0, 0, 1, 2, 0, 1, 2, 0];
        var parts = StratifiedAllocation.Assign(classOfRow, [0.7, 0.3], TrainTest, new RandomSource(3));
        Assert.Equal(parts, StratifiedAllocation.Assign(classOfRow, [0.7, 0.3], TrainTest, new RandomSource(3)));
        var counts = StratifiedAllocation.Allocate([5, 3, 2], [0.7, 0.3], TrainTest);
        for (int c = 0; c < 3; c++)
            Assert.Equal(counts[c][1], Enumerable.Range(0, classOfRow.Length).Count(row => classOfRow[row] == c && parts[row] == 1));
    }

    [Fact]
    public void FractionsAndPrioritiesThatDoNotDescribeASplitAreRefused()
    {
        Assert.Equal("fractions", Assert.Throws<ArgumentException>(() => StratifiedAllocation.Allocate([4], [0.5, 0.4], TrainTest)).ParamName);
        Assert.Equal("fractions", Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedAllocation.Allocate([4], [1.5, -0.5], TrainTest)).ParamName);
        Assert.Equal("priority", Assert.Throws<ArgumentException>(() => StratifiedAllocation.Allocate([4], [0.5, 0.5], [0, 0])).ParamName);
        Assert.Equal("classSizes", Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedAllocation.Allocate([-1], [0.5, 0.5], TrainTest)).ParamName);
        // Every part gets a row while rows last, so a part of fraction 0 cannot be honoured.
        Assert.Equal("fractions", Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedAllocation.Allocate([10], [1, 0], TrainTest)).ParamName);
    }

    [Fact]
    public void AClassWithNoRowToSparePassesItsTurnSoThePartStillReachesItsTotal()
    {
        // Test part 0.8 of 100 rows = 80. Exact shares 1.6, 3.2 and 75.2 floor to 1, 3 and 75, which are all the first
        // two classes can spare (a training row each); the largest remainder (0.6, class 0) cannot take its row, so
        // the next one, class 1 (0.2, tied with class 2, lower index), cannot either, and class 2 takes it: 76.
        Assert.Equal([[1, 1], [1, 3], [18, 76]], StratifiedAllocation.Allocate([2, 4, 94], [0.2, 0.8], TrainTest));
    }

    [Fact]
    public void PassesRepeatWhileAClassCanSpareARow()
    {
        // 203 rows at 0.5: the test total is 101.5, rounded to 102 (the earlier part in priority wins the tie, and
        // training is first: 102 training, 101 test... by largest remainder with equal remainders to training).
        var counts = StratifiedAllocation.Allocate([1, 1, 1, 200], [0.5, 0.5], TrainTest);
        int test = counts.Sum(c => c[1]);
        Assert.Equal(101, test);
        // The three single rows stay in training; the large class gives every test row, though its exact share
        // (200·101/203 = 99.5) floors to 99 and one pass of remainders would have stopped at 100.
        Assert.Equal([[1, 0], [1, 0], [1, 0], [99, 101]], counts);
    }
}
