using System.Text.Json;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Training;

public class NetworkTrainerTests
{
    [Fact]
    public void EveryEpochIsReportedAsItHappensWithValidationFiguresFromTheHeldOutFraction()
    {
        var data = TwoSpirals.Data(100, new RandomSource(1));
        var seen = new List<EpochReport>();
        var history = NetworkTrainer.Fit(SmallNetworks.TanhClassifier(hidden: 32, seed: 1), new SoftmaxCrossEntropyLoss(), data, null, new TrainingOptions
        {
            Epochs = 5,
            ValidationFraction = 0.2,
            Progress = new SynchronousProgress<EpochReport>(seen.Add),
        });
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Equal(5, history.Epochs.Count);
        Assert.Equal(history.Epochs, seen);
        Assert.All(history.Epochs, e =>
        {
            Assert.True(double.IsFinite(e.ValidationLoss) && double.IsFinite(e.ValidationMetric));
            Assert.InRange(e.TrainingMetric, 0, 1);
            Assert.Equal("accuracy", e.MetricName);
            Assert.Equal(1e-3f, e.LearningRate);
        });
    }

    [Fact]
    public void EarlyStoppingStopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestWeights()
    {
        var data = TwoSpirals.Data(50, new RandomSource(2));
        var network = SmallNetworks.TanhClassifier(hidden: 32, seed: 2);
        var snapshots = new List<float[]>();
        var history = NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), data, null, new TrainingOptions
        {
            Epochs = 50,
            Optimizer = new Sgd(1e-9f),
            EarlyStopping = new EarlyStoppingOptions { Monitor = MonitoredQuantity.TrainingLoss, Patience = 3, MinDelta = 0.1 },
            Progress = new SynchronousProgress<EpochReport>(_ => snapshots.Add(network.SnapshotParameters())),
        });
        // Epoch 1 improves on +∞; epochs 2-4 do not improve by 0.1, so training stops after epoch 4.
        Assert.Equal(StopReason.EarlyStopping, history.StopReason);
        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(0, history.BestEpoch);
        Assert.Equal(snapshots[0], network.SnapshotParameters());
        Assert.Contains("did not improve", history.StopMessage);
    }

    [Fact]
    public void ALossGrowingBeyondTheDivergenceFactorStopsTrainingWithFiniteBestWeights()
    {
        // Full-batch gradient descent on a linear model with a step far beyond 2/λmax: the error is
        // multiplied by about −2 each step, so the loss grows about 4× per epoch.
        var random = new RandomSource(3);
        var x = Enumerable.Range(0, 64).Select(_ => (float)random.NextGaussian()).ToArray();
        var y = x.Select(v => 2 * v).ToArray();
        var data = new TrainingData(x, 1, y, 1);
        var network = new Network(1, new DenseLayer(1, useBias: false));
        network.Parameters[0] = 0.5f;
        var history = NetworkTrainer.Fit(network, new MeanSquaredErrorLoss(), data, null, new TrainingOptions
        {
            Epochs = 20,
            BatchSize = 64,
            Optimizer = new Sgd(1.5f),
        });
        Assert.Equal(StopReason.Diverged, history.StopReason);
        Assert.Contains("exceeds 3", history.StopMessage);
        Assert.Equal(0, history.BestEpoch);
        Assert.True(history.Epochs.Count < 5);
        Assert.All(network.SnapshotParameters(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void ANaNLossStopsTrainingAsDivergedAndLeavesFiniteWeights()
    {
        var data = TwoSpirals.Data(50, new RandomSource(2));
        var network = new Network(2, new DenseLayer(16, Activation.FromName("relu")), new DenseLayer(2));
        network.InitializeParameters(new RandomSource(2));
        var initial = network.SnapshotParameters();
        var history = NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), data, null, new TrainingOptions
        {
            Epochs = 100,
            BatchSize = 10,
            Optimizer = new Sgd(1e30f),
        });
        Assert.Equal(StopReason.Diverged, history.StopReason);
        Assert.Contains("diverged", history.StopMessage);
        Assert.All(network.SnapshotParameters(), v => Assert.True(float.IsFinite(v)));
        if (history.BestEpoch < 0)
            Assert.Equal(initial, network.SnapshotParameters());
    }

    [Fact]
    public void CancellationStopsTrainingAndKeepsTheBestModelSoFar()
    {
        var data = TwoSpirals.Data(100, new RandomSource(4));
        using var cancel = new CancellationTokenSource();
        var history = NetworkTrainer.Fit(SmallNetworks.TanhClassifier(hidden: 32, seed: 4), new SoftmaxCrossEntropyLoss(), data, null, new TrainingOptions
        {
            Epochs = 100,
            CancellationToken = cancel.Token,
            Progress = new SynchronousProgress<EpochReport>(e =>
            {
                if (e.Epoch == 2)
                    cancel.Cancel();
            }),
        });
        Assert.Equal(StopReason.Cancelled, history.StopReason);
        Assert.Equal(3, history.Epochs.Count);
        Assert.InRange(history.BestEpoch, 0, 2);
    }

    [Fact]
    public void EarlyStoppingOnValidationLossWithoutAValidationSetIsRejectedClearly()
    {
        var data = TwoSpirals.Data(20, new RandomSource(4));
        var error = Assert.Throws<ArgumentException>(() => NetworkTrainer.Fit(SmallNetworks.TanhClassifier(hidden: 32, seed: 4), new SoftmaxCrossEntropyLoss(), data, null,
            new TrainingOptions { EarlyStopping = new EarlyStoppingOptions() }));
        Assert.Contains("ValidationFraction", error.Message);
    }

    [Fact]
    public void DiagnosticsAreCollectedWithoutChangingWhatIsLearned()
    {
        var data = TwoSpirals.Data(60, new RandomSource(6));
        Network Train(bool diagnostics, out TrainingHistory history)
        {
            var network = new Network(2,
                new DenseLayer(16, Activation.FromName("relu")),
                new BatchNormalizationLayer(),
                new DropoutLayer(0.1f),
                new DenseLayer(2));
            network.InitializeParameters(new RandomSource(6));
            history = NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), data, null,
                new TrainingOptions { Epochs = 3, CollectDiagnostics = diagnostics, Seed = 6 });
            return network;
        }
        var plain = Train(false, out _);
        var watched = Train(true, out var history);
        Assert.Equal(plain.Snapshot().Parameters, watched.Snapshot().Parameters);
        Assert.Equal(plain.Snapshot().State, watched.Snapshot().State);
        var layers = history.Epochs[^1].Diagnostics!;
        Assert.Equal(4, layers.Count);
        Assert.InRange(layers[0].UpdateToWeightRatio, 1e-7, 1);
        Assert.True(layers[0].WeightNorm > 0);
        Assert.Equal(Math.Min(256, 120) * 16, layers[0].Activations.Histogram.Sum());
        Assert.True(double.IsNaN(layers[2].UpdateToWeightRatio));
    }

    [Fact]
    public void HistoryExportsToCsvAndJson()
    {
        var data = TwoSpirals.Data(30, new RandomSource(7));
        var history = NetworkTrainer.Fit(SmallNetworks.TanhClassifier(hidden: 32, seed: 7), new SoftmaxCrossEntropyLoss(), data, null, new TrainingOptions { Epochs = 3 });
        var lines = history.ToCsv().TrimEnd().Split('\n');
        Assert.Equal("epoch,training_loss,training_metric,validation_loss,validation_metric,learning_rate,seconds", lines[0].TrimEnd('\r'));
        Assert.Equal(4, lines.Length);
        Assert.Equal(",,", lines[1].Split(',')[3] + "," + lines[1].Split(',')[4] + ",");
        using var json = JsonDocument.Parse(history.ToJson());
        Assert.Equal("Completed", json.RootElement.GetProperty("stop_reason").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("epochs").GetArrayLength());
    }

    [Fact]
    public void TheSameSeedGivesTheSameHistoryAndWeights()
    {
        var data = TwoSpirals.Data(40, new RandomSource(8));
        var a = SmallNetworks.TanhClassifier(hidden: 32, seed: 8);
        var b = SmallNetworks.TanhClassifier(hidden: 32, seed: 8);
        var options = new TrainingOptions { Epochs = 3, ValidationFraction = 0.25, Seed = 8 };
        var ha = NetworkTrainer.Fit(a, new SoftmaxCrossEntropyLoss(), data, null, options);
        var hb = NetworkTrainer.Fit(b, new SoftmaxCrossEntropyLoss(), data, null, options);
        Assert.Equal(a.SnapshotParameters(), b.SnapshotParameters());
        Assert.Equal(ha.Epochs.Select(e => e.ValidationLoss), hb.Epochs.Select(e => e.ValidationLoss));
    }
}
