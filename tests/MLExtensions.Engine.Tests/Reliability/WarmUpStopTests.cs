using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Tests.Training;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Reliability;

/// <summary>
/// A fit that ends while the early-stopping monitor is still warming up (no epoch judged best yet) hands back the last
/// epoch that finished within bounds, never the initial weights.
/// </summary>
public class WarmUpStopTests
{
    /// <summary>A linear model trained by full-batch gradient descent with a step far beyond 2/λmax: the loss grows about 4×
    /// per epoch, so the divergence guard stops it after a few epochs.</summary>
    private static (Network Network, TrainingData Data) Exploding()
    {
        var random = new RandomSource(3);
        var x = Enumerable.Range(0, 64).Select(_ => (float)random.NextGaussian()).ToArray();
        var y = x.Select(v => 2 * v).ToArray();
        var network = new Network(1, new DenseLayer(1, useBias: false));
        network.Parameters[0] = 0.5f;
        return (network, new TrainingData(x, 1, y, 1));
    }

    [Fact]
    public void DivergingDuringTheWarmUpKeepsTheLastEpochWithinBounds()
    {
        var (network, data) = Exploding();
        var initial = network.SnapshotParameters();
        var weightsByEpoch = new List<float[]>();
        var history = NetworkTrainer.Fit(network, new MeanSquaredErrorLoss(), data, null, new TrainingOptions
        {
            Epochs = 20,
            BatchSize = 64,
            Optimizer = new Sgd(1.5f),
            EarlyStopping = new EarlyStoppingOptions { Monitor = MonitoredQuantity.TrainingLoss, StartEpoch = 20 },
            Progress = new SynchronousProgress<EpochReport>(_ => weightsByEpoch.Add(network.SnapshotParameters())),
        });
        Assert.Equal(StopReason.Diverged, history.StopReason);
        Assert.InRange(history.BestEpoch, 0, history.Epochs.Count - 2);
        Assert.Equal(weightsByEpoch[history.BestEpoch], network.SnapshotParameters());
        Assert.NotEqual(initial, network.SnapshotParameters());
    }

    [Fact]
    public void RestoringBestWeightsWhenEveryEpochWasWarmUpKeepsTheLastEpoch()
    {
        var data = TwoSpirals.Data(50, new RandomSource(4));
        var network = SmallNetworks.TanhClassifier(hidden: 8, seed: 4);
        var weightsByEpoch = new List<float[]>();
        var history = NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), data, null, new TrainingOptions
        {
            Epochs = 5,
            BatchSize = 10,
            EarlyStopping = new EarlyStoppingOptions { Monitor = MonitoredQuantity.TrainingLoss, StartEpoch = 20, RestoreBestWeights = true },
            Progress = new SynchronousProgress<EpochReport>(_ => weightsByEpoch.Add(network.SnapshotParameters())),
        });
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal(4, history.BestEpoch);
        Assert.Equal(weightsByEpoch[4], network.SnapshotParameters());
    }
}
