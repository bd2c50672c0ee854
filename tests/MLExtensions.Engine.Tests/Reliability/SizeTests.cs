using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Reliability;

/// <summary>Sizes in 64 bits, checked before allocating; buffers sized by the batches that occur, never by the batch size asked for.</summary>
public class SizeTests
{
    [Theory]
    [InlineData(50_000, 50_000, "2,500,050,000 weights")]
    [InlineData(65_536, 65_536, "4,295,032,832 weights")]
    [InlineData(1, int.MaxValue, "4,294,967,294 weights")]
    public void ADenseLayerBeyondOneBufferIsRefusedInsteadOfOverflowing(int inputs, int units, string count)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Network(inputs, new DenseLayer(units)));
        Assert.Contains(count, error.Message);
        Assert.Contains("more than one buffer holds", error.Message);
    }

    [Fact]
    public void AWorkspaceBeyondOneBufferIsRefusedNamingTheLayerAndTheBatch()
    {
        var network = new Network(10, new DenseLayer(1_000, Activation.FromName("relu")), new DenseLayer(1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkWorkspace(network, 10_000_000));
        Assert.Contains("layer 1 (dense(1000, relu)", error.Message);
        Assert.Contains("use a smaller batch", error.Message);
    }

    [Fact]
    public void AThreadCountNoMachineRunsIsRefusedBeforeAThreadIsMade()
    {
        // Each thread costs a stack and a start-up wait: int.MaxValue of them would hang the process, not fail it.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerPool(int.MaxValue));
        Assert.Contains("at most 1024 threads", error.Message);
    }

    [Fact]
    public void TrainingOptionsAskingForMoreThreadsThanAPoolRunsAreRefusedBeforeTraining()
    {
        var (network, data) = ThreeHundredRows();
        var initial = network.SnapshotParameters();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), data, null, new TrainingOptions { NumberOfThreads = 1025 }));
        Assert.Equal("NumberOfThreads", error.ParamName);
        Assert.Contains("[1, 1024]", error.Message);
        Assert.Equal(initial, network.SnapshotParameters());
    }

    [Fact]
    public void AMiniBatchTrainerAskingForMoreThreadsThanAPoolRunsIsRefusedNamingTheArgument()
    {
        var network = new Network(2, new DenseLayer(1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MiniBatchTrainer(network, new MeanSquaredErrorLoss(), new Sgd(0.1f), batchSize: 8, numberOfThreads: 1025));
        Assert.Equal("numberOfThreads", error.ParamName);
        Assert.Contains("[1, 1024]", error.Message);
    }

    [Fact]
    public void AHistogramOfNoBinsIsRefusedNamingTheArgument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DistributionSummary.Of([1f, 2f], bins: 0));
        Assert.Equal("bins", error.ParamName);
    }

    private static (Network Network, TrainingData Data) ThreeHundredRows()
    {
        var random = new RandomSource(8);
        var features = Enumerable.Range(0, 300 * 20).Select(_ => (float)random.NextGaussian()).ToArray();
        var targets = Enumerable.Range(0, 300).Select(i => (float)(i % 2)).ToArray();
        var network = new Network(20, new DenseLayer(8, Activation.FromName("relu")), new DenseLayer(2));
        network.InitializeParameters(new RandomSource(8));
        return (network, new TrainingData(features, 20, targets, 1));
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(10_000_000)]
    public void ABatchSizeBeyondTheRowsAllocatesForTheRowsAndTrainsAsAFullBatch(int batchSize)
    {
        var (network, data) = ThreeHundredRows();
        var (reference, _) = ThreeHundredRows();
        var options = new TrainingOptions { Epochs = 3, BatchSize = batchSize, Optimizer = new Adam(0.01f), Seed = 4 };

        long before = GC.GetAllocatedBytesForCurrentThread();
        var history = NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), data, null, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        NetworkTrainer.Fit(reference, new SoftmaxCrossEntropyLoss(), data, null,
            new TrainingOptions { Epochs = 3, BatchSize = 300, Optimizer = new Adam(0.01f), Seed = 4 });

        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal(reference.SnapshotParameters(), network.SnapshotParameters());
        // The data is 24 kB; a batch of ten million rows of 20 features would be 800 MB.
        Assert.True(allocated < 2 << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void AnEvaluatorSizesItsBuffersByTheRowsItEvaluates()
    {
        var (network, data) = ThreeHundredRows();
        var evaluator = new NetworkEvaluator(network, new SoftmaxCrossEntropyLoss(), batchSize: int.MaxValue);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var (loss, _) = evaluator.Evaluate(data);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(double.IsFinite(loss));
        Assert.True(allocated < 1 << 20, $"allocated {allocated:N0} bytes");
    }
}
