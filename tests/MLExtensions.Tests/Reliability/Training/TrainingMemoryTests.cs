using Microsoft.ML;
using MLExtensions.Data;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;
using Xunit.Abstractions;

namespace MLExtensions.Tests.Reliability.Training;

/// <summary>
/// The training data is copied once. Measured as the bytes the test's thread allocates (one training thread, and a data
/// view that computes its rows, so every allocation is the trainer's): an upper bound on the memory a fit adds.
/// </summary>
public class TrainingMemoryTests
{
    private const int Rows = 40_000, Width = 50;

    // The float data a fit reads: features and one target per row.
    private const long DataBytes = (long)Rows * (Width + 1) * sizeof(float);

    private readonly MLContext _mlContext = new(seed: 1);
    private readonly ITestOutputHelper _output;

    public TrainingMemoryTests(ITestOutputHelper output) => _output = output;

    private void Report(string what, long allocated) =>
        _output.WriteLine($"{what}: {allocated:N0} bytes allocated for {DataBytes:N0} bytes of data ({(double)allocated / DataBytes:F3}×)");

    private static (TrainingSetReader.Result Result, long Allocated) Read(GeneratedDataView data)
    {
        var features = FloatColumn.Bind(data.Schema, "Features", "feature", "data", "a known size is needed");
        var label = LabelColumn.Numeric(data.Schema, "Label");
        // A first, small read does the runtime's one-time work (code tiering, type loads), which is not the reader's.
        TrainingSetReader.Read(new GeneratedDataView(100, data.Width) { KnownRowCount = data.KnownRowCount }, features, label, null, false);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = TrainingSetReader.Read(data, features, label, weightColumnName: null, skipNonFiniteFeatures: false);
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(1L << 62, "18,446,744,073,709,551,616 in all")]
    [InlineData(long.MaxValue, "36,893,488,147,419,103,228 in all")]
    public void ARowCountWhoseValuesWrapIn64BitsIsRefusedBeforeAllocating(long announcedRows, string values)
    {
        // 2⁶² rows × 4 values is 2⁶⁴, which wraps to 0 in a long: compared as a product it would pass as an empty buffer.
        var error = Assert.Throws<InvalidOperationException>(() => new RowBuffer(4, announcedRows, "the training data's feature column 'Features'"));
        Assert.Contains(values, error.Message);
        Assert.Contains("more than one buffer holds", error.Message);
    }

    [Fact]
    public void ReadingRowsOfAKnownCountCopiesEachValueOnceIntoExactArrays()
    {
        var data = new GeneratedDataView(Rows, Width);
        var (result, allocated) = Read(data);
        Report("known row count", allocated);
        Assert.Equal(Rows * Width, result.Data.Features.Length);
        Assert.Equal(Rows, result.Data.Targets.Length);
        Assert.True(allocated < DataBytes * 1.05, $"allocated {allocated:N0} bytes for {DataBytes:N0} bytes of data");
        Assert.Equal(GeneratedDataView.Feature(12_345, 17), result.Data.FeaturesOf(12_345)[17]);
        Assert.Equal(data.RegressionLabel(39_999), result.Data.TargetsOf(39_999)[0]);
    }

    [Fact]
    public void ReadingRowsOfAnUnknownCountGivesTheSameArraysWithinTwoCopies()
    {
        var (known, _) = Read(new GeneratedDataView(Rows, Width));
        var (unknown, allocated) = Read(new GeneratedDataView(Rows, Width) { KnownRowCount = false });
        Report("unknown row count", allocated);
        Assert.Equal(known.Data.Features, unknown.Data.Features);
        Assert.Equal(known.Data.Targets, unknown.Data.Targets);
        Assert.True(allocated < DataBytes * 2.1, $"allocated {allocated:N0} bytes for {DataBytes:N0} bytes of data");
    }

    [Fact]
    public void AFitHoldingOutATenthAllocatesLessThanHalfTheDataBeyondItsOneCopy()
    {
        var options = new MlpRegressionTrainer.Options
        {
            HiddenLayerSizes = new[] { 4 },
            NumberOfEpochs = 1,
            ValidationFraction = 0.1f,
            EarlyStopping = true,
            NumberOfThreads = 1,
            Seed = 1,
        };
        var trainer = _mlContext.Regression.Trainers.Mlp(options);
        // A first, small fit does the runtime's one-time work (code tiering, type loads), which is not the fit's.
        trainer.Fit(new GeneratedDataView(2_000, Width));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var model = trainer.Fit(new GeneratedDataView(Rows, Width));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Report("fit with a held-out tenth", allocated);

        var epoch = Assert.Single(model.Model.History.Epochs);
        Assert.False(double.IsNaN(epoch.ValidationLoss));
        // The network (50·4 + 4 + 4 + 1 weights) and the per-epoch buffers are a few kilobytes; the rest is the one copy.
        Assert.True(allocated < DataBytes * 1.5, $"allocated {allocated:N0} bytes for {DataBytes:N0} bytes of data");
    }
}
