using Microsoft.ML;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Reliability.Training;

/// <summary>Sizes are computed in 64 bits and checked before anything is allocated; a batch never outgrows the rows.</summary>
public class SizeLimitTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [Theory]
    [InlineData(50_000, 50_000, "2,500,050,000 weights")]
    [InlineData(65_536, 65_536, "4,295,032,832 weights")]
    public void ANetworkTooLargeForOneBufferIsRefusedBeforeARowIsRead(int features, int units, string count)
    {
        var data = new GeneratedDataView(rows: 10, width: features);
        var options = Fast.Regression(epochs: 1);
        options.HiddenLayerSizes = new[] { units };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _mlContext.Regression.Trainers.Mlp(options).Fit(data));
        Assert.Contains($"{features:N0} inputs and {units:N0} units", error.Message);
        Assert.Contains(count, error.Message);
        Assert.Equal(0, data.RowsServed);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(10_000_000)]
    public void ABatchSizeBeyondTheRowsTrainsAsOneFullBatch(int batchSize)
    {
        var data = _mlContext.Data.LoadFromEnumerable(Trained.BinaryTrainRows);
        var huge = Fast.Binary(epochs: 3);
        huge.BatchSize = batchSize;
        var full = Fast.Binary(epochs: 3);
        full.BatchSize = Trained.BinaryTrainRows.Count;

        long before = GC.GetAllocatedBytesForCurrentThread();
        var model = _mlContext.BinaryClassification.Trainers.Mlp(huge).Fit(data);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var test = Trained.BinaryTest(_mlContext);
        Assert.Equal(Trained.Scores(_mlContext, _mlContext.BinaryClassification.Trainers.Mlp(full).Fit(data), test), Trained.Scores(_mlContext, model, test));
        Assert.True(allocated < 16 << 20, $"allocated {allocated:N0} bytes");
    }
}
