using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Training;

/// <summary>
/// Batches wide enough (batch × features ≥ 16,384 values) are gathered by the pool's threads, each copying its part:
/// the model is the same bits as on one thread, and an epoch after the first allocates nothing.
/// </summary>
public class ParallelGatherTests
{
    private const int Features = 300, Batch = 64, Rows = 500;

    [Fact]
    public void AWideBatchGatheredByTwoThreadsTrainsTheSameModelAsOne() =>
        Assert.Equal(Train(threads: 1), Train(threads: 2));

    [Fact]
    public void EpochsAfterTheFirstAllocateNothingWhenTheBatchIsGatheredInParallel()
    {
        var (network, data) = Problem();
        using var trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), new Adam(), Batch, numberOfThreads: 2, seed: 4);
        Assert.Equal(0, Allocations.InSteadyState(() => trainer.TrainEpoch(data), callsPerWindow: 2, windows: 3));
    }

    private static float[] Train(int threads)
    {
        var (network, data) = Problem();
        using var trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), new Adam(), Batch, threads, seed: 4);
        for (int epoch = 0; epoch < 2; epoch++)
            trainer.TrainEpoch(data);
        return network.SnapshotParameters();
    }

    private static (Network Network, TrainingData Data) Problem()
    {
        var random = new RandomSource(6);
        var features = Enumerable.Range(0, Rows * Features).Select(_ => (float)random.NextGaussian()).ToArray();
        var labels = Enumerable.Range(0, Rows).Select(i => (float)(i % 3)).ToArray();
        var network = new Network(Features, new DenseLayer(16, Activation.FromName("relu")), new DenseLayer(3));
        network.InitializeParameters(random);
        return (network, new TrainingData(features, Features, labels, 1));
    }
}
