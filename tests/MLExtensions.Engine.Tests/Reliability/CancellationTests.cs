using MLExtensions.Engine.FullBatch;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Tests.Training;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Reliability;

/// <summary>Before a model exists, cancelling throws; afterwards the trained weights come back with the reason in the history.</summary>
public class CancellationTests
{
    [Fact]
    public void ATokenCancelledBeforeFitThrowsAndLeavesTheNetworkAsItWas()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var network = SmallNetworks.TanhClassifier(hidden: 16, seed: 4);
        var initial = network.SnapshotParameters();
        Assert.Throws<OperationCanceledException>(() => NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(),
            TwoSpirals.Data(50, new RandomSource(4)), null, new TrainingOptions { CancellationToken = cancel.Token }));
        Assert.Equal(initial, network.SnapshotParameters());
    }

    [Fact]
    public void LbfgsCancelledBeforeItsFirstIterationThrows()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var network = SmallNetworks.TanhClassifier(hidden: 16, seed: 4);
        var initial = network.SnapshotParameters();
        Assert.Throws<OperationCanceledException>(() => FullBatchLbfgs.Train(network, new SoftmaxCrossEntropyLoss(),
            TwoSpirals.Data(50, new RandomSource(4)), null, new Lbfgs(maxIterations: 50), cancellationToken: cancel.Token));
        Assert.Equal(initial, network.SnapshotParameters());
    }

    [Fact]
    public void CancellingDuringAWarmUpWithNoBestEpochYetKeepsTheLastFinishedEpoch()
    {
        using var cancel = new CancellationTokenSource();
        var network = SmallNetworks.TanhClassifier(hidden: 16, seed: 4);
        var weightsByEpoch = new List<float[]>();
        var history = NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), TwoSpirals.Data(50, new RandomSource(4)), null,
            new TrainingOptions
            {
                Epochs = 100,
                BatchSize = 10,
                EarlyStopping = new EarlyStoppingOptions { Monitor = MonitoredQuantity.TrainingLoss, StartEpoch = 20 },
                CancellationToken = cancel.Token,
                Progress = new SynchronousProgress<EpochReport>(e =>
                {
                    weightsByEpoch.Add(network.SnapshotParameters());
                    if (e.Epoch == 3)
                        cancel.Cancel();
                }),
            });
        Assert.Equal(StopReason.Cancelled, history.StopReason);
        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(3, history.BestEpoch);
        Assert.Equal(weightsByEpoch[3], network.SnapshotParameters());
    }
}
