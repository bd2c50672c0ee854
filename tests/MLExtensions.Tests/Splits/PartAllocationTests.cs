using MLExtensions.Splits;

namespace MLExtensions.Tests.Splits;

public class PartAllocationTests
{
    private static readonly int[] TrainTest = { 0, 1 };
    private static readonly int[] TrainTestValidation = { 0, 2, 1 };

    [Theory]
    [InlineData(70, 56, 14)]
    [InlineData(25, 20, 5)]
    [InlineData(5, 4, 1)]
    [InlineData(7, 6, 1)]   // 5.6/1.4: the larger remainder wins
    [InlineData(8, 6, 2)]   // 6.4/1.6
    [InlineData(2, 1, 1)]   // 1.6/0.4 would leave test empty
    [InlineData(1, 1, 0)]   // a single row goes to training
    public void TwoPartsAtTwentyPercent(int rows, int train, int test) =>
        Assert.Equal(new[] { train, test }, PartAllocation.Allocate(rows, new[] { 0.8, 0.2 }, TrainTest));

    [Fact]
    public void ASingleRowGoesToTrainingEvenWhenTestHasTheLargerShare() =>
        Assert.Equal(new[] { 1, 0 }, PartAllocation.Allocate(1, new[] { 0.3, 0.7 }, TrainTest));

    [Fact]
    public void EqualRemaindersGoToTheFirstPartInPriority() =>
        Assert.Equal(new[] { 3, 2 }, PartAllocation.Allocate(5, new[] { 0.5, 0.5 }, TrainTest));

    [Theory]
    [InlineData(50, 30, 10, 10)]
    [InlineData(5, 3, 1, 1)]
    [InlineData(4, 2, 1, 1)]
    [InlineData(3, 1, 1, 1)]
    [InlineData(2, 1, 0, 1)]   // too small for all three: train, then test
    [InlineData(1, 1, 0, 0)]
    public void ThreePartsSixtyTwentyTwenty(int rows, int train, int validation, int test) =>
        Assert.Equal(new[] { train, validation, test }, PartAllocation.Allocate(rows, new[] { 0.6, 0.2, 0.2 }, TrainTestValidation));

    [Fact]
    public void EveryStratumSizeIsAllocatedCompletelyAndCloseToItsQuota()
    {
        foreach (double f in new[] { 0.05, 0.1, 0.2, 1.0 / 3, 0.5, 0.9 })
            for (int rows = 1; rows < 60; rows++)
            {
                var counts = PartAllocation.Allocate(rows, new[] { 1 - f, f }, TrainTest);
                Assert.Equal(rows, counts.Sum());
                if (rows >= 2)
                    Assert.All(counts, c => Assert.True(c >= 1));
                // Apart from the at-least-one rule, each count is its quota rounded one way or the other.
                if (rows * Math.Min(f, 1 - f) >= 1)
                    Assert.True(Math.Abs(counts[1] - rows * f) < 1, $"{rows} rows at {f}: {counts[1]} test rows");
            }
    }
}
