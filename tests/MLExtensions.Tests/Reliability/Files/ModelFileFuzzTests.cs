using MLExtensions.Tests.Reliability.Fuzzing;
using Xunit.Abstractions;

namespace MLExtensions.Tests.Reliability.Files;

/// <summary>
/// Seeded fuzzing of both file formats: every load of a damaged file must end in an <see cref="InvalidDataException"/> or
/// a model identical to the original, within a time and memory bound. (The 20,000-mutation run is
/// <c>samples/ModelFileFuzz</c>.)
/// </summary>
public class ModelFileFuzzTests : IClassFixture<ModelFileFuzzTests.Subjects>
{
    private readonly Subjects _subjects;
    private readonly ITestOutputHelper _output;

    public ModelFileFuzzTests(Subjects subjects, ITestOutputHelper output)
    {
        _subjects = subjects;
        _output = output;
    }

    /// <summary>The two files, trained and saved once for the class.</summary>
    public sealed class Subjects
    {
        public FuzzSubjects Files { get; } = new();
    }

    [Fact]
    public void TwoThousandMutationsOfATransformerFileAreAllRefusedOrIdentical()
    {
        AssertEveryChangedFileIsRefused(_subjects.Files.TransformerFuzzer().Run(2000, seed: 11), 2000);
    }

    [Fact]
    public void TwoThousandMutationsOfAPipelineFileAreAllRefusedOrIdentical()
    {
        AssertEveryChangedFileIsRefused(_subjects.Files.PipelineFuzzer().Run(2000, seed: 12), 2000);
    }

    // Stronger than the bound asks: every file whose bytes changed at all is refused, none loads.
    private void AssertEveryChangedFileIsRefused(FuzzReport report, int mutations)
    {
        _output.WriteLine(report.ToString());
        Assert.True(report.Bad == 0, report.ToString());
        Assert.Equal(mutations, report.Total);
        Assert.Equal(0, report.Counts[FuzzOutcome.Identical]);
        Assert.Equal(mutations, report.Counts[FuzzOutcome.Refused] + report.Counts[FuzzOutcome.Unchanged]);
    }

    [Fact]
    public void ResealedMutationsOfATransformerPayloadAreRefusedOrLoadCleanly()
    {
        // The digests are recomputed after each mutation, so every one reaches the MLP payload's parser.
        var report = _subjects.Files.TransformerFuzzer().RunResealed(1200, seed: 13);
        _output.WriteLine(report.ToString());
        Assert.True(report.Bad == 0, report.ToString());
        Assert.Equal(1200, report.Total);
        Assert.True(report.Counts[FuzzOutcome.Refused] > 0, report.ToString());
    }
}
