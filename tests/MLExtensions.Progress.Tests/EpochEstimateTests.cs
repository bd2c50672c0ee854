using MLExtensions.Progress;

namespace MLExtensions.Progress.Tests;

public class EpochEstimateTests
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void RemainingIsTheMeanOfTheLatestEpochsTimesTheEpochsLeft()
    {
        var durations = new[] { Seconds(9), Seconds(2), Seconds(4) };
        Assert.Equal(Seconds(15), EpochEstimate.Remaining(durations, remainingEpochs: 5, window: 2));
        Assert.Equal(Seconds(15), EpochEstimate.Remaining(durations, remainingEpochs: 3));
    }

    [Fact]
    public void NothingLeftOrNothingMeasuredIsZero()
    {
        Assert.Equal(TimeSpan.Zero, EpochEstimate.Remaining(new[] { Seconds(1) }, 0));
        Assert.Equal(TimeSpan.Zero, EpochEstimate.Remaining(Array.Empty<TimeSpan>(), 7));
    }

    [Fact]
    public void NegativeEpochsOrAnEmptyWindowAreRejectedByName()
    {
        Assert.Equal("remainingEpochs", Assert.Throws<ArgumentOutOfRangeException>(() => EpochEstimate.Remaining(new[] { Seconds(1) }, -1)).ParamName);
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => EpochEstimate.Remaining(new[] { Seconds(1) }, 1, 0)).ParamName);
    }

    [Theory]
    [InlineData(59, "0:59")]
    [InlineData(61, "1:01")]
    [InlineData(3725, "1:02:05")]
    public void FormatsMinutesAndSeconds(int seconds, string expected) => Assert.Equal(expected, EpochEstimate.Format(Seconds(seconds)));
}
