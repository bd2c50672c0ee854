using MLExtensions.Tests.Reliability.Fuzzing;

namespace MLExtensions.Tests.Reliability.Files;

/// <summary>The fuzzer's judgement of one load, against loaders whose behaviour is fixed by hand.</summary>
public class LoadFuzzerTests
{
    private static readonly byte[] Original = [1, 2, 3, 4];

    /// <summary>A loader that accepts only the original bytes once (the fuzzer's reference load), then refuses everything.</summary>
    private static LoadFuzzer RefusingAfterTheFirstLoad()
    {
        int loads = 0;
        return new LoadFuzzer(Original, stream => loads++ == 0 ? "model" : throw new InvalidDataException("refused"), _ => ["score"]);
    }

    [Fact]
    public void RefusingTheUnchangedFileCountsAsAnUncleanOutcome()
    {
        var fuzzer = RefusingAfterTheFirstLoad();
        Assert.Equal(FuzzOutcome.UncleanException, fuzzer.LoadOnce([1, 2, 3, 4]).Outcome);
    }

    [Fact]
    public void RefusingAlteredBytesCountsAsRefused()
    {
        var fuzzer = RefusingAfterTheFirstLoad();
        Assert.Equal(FuzzOutcome.Refused, fuzzer.LoadOnce([1, 2, 3, 5]).Outcome);
    }
}
