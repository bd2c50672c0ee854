using MLExtensions.Engine.Clipping;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Regularization;
using MLExtensions.Engine.Schedules;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Training;

/// <summary>Schedules, penalties, constraints and clipping as the trainer applies them.</summary>
public class RegimenIntegrationTests
{
    private static readonly TrainingData Spirals = TwoSpirals.Data(40, new RandomSource(11));

    [Fact]
    public void AnEpochScheduleSetsEachEpochsLearningRate()
    {
        var history = NetworkTrainer.Fit(SmallNetworks.TanhClassifier(hidden: 16, seed: 11), new SoftmaxCrossEntropyLoss(), Spirals, null, new TrainingOptions
        {
            Epochs = 4,
            Optimizer = new Adam(0.008f) { Schedule = new ExponentialDecay(decaySteps: 1, decayRate: 0.5f), ScheduleUnit = ScheduleUnit.Epoch },
        });
        Assert.Equal(new[] { 0.008f, 0.004f, 0.002f, 0.001f }, history.Epochs.Select(e => e.LearningRate));
    }

    [Fact]
    public void AStepScheduleIsAppliedBeforeEveryUpdate()
    {
        var optimizer = new Sgd(0.1f) { Schedule = new StepDecay(dropEvery: 3, factor: 0.5f), ScheduleUnit = ScheduleUnit.Step };
        NetworkTrainer.Fit(SmallNetworks.TanhClassifier(hidden: 16, seed: 11), new SoftmaxCrossEntropyLoss(), Spirals, null, new TrainingOptions
        {
            Epochs = 2,
            BatchSize = 16,
            Optimizer = optimizer,
        });
        // 80 rows in batches of 16: 5 updates per epoch, 10 in all; the last ran at step index 9 → 0.1·0.5^3.
        Assert.Equal(10, optimizer.Iterations);
        Assert.Equal(0.1f * 0.125f, optimizer.LearningRate);
    }

    [Fact]
    public void ReduceOnPlateauLowersTheRateWhenTheMonitoredLossStalls()
    {
        var history = NetworkTrainer.Fit(SmallNetworks.TanhClassifier(hidden: 16, seed: 11), new SoftmaxCrossEntropyLoss(), Spirals, null, new TrainingOptions
        {
            Epochs = 6,
            Optimizer = new Sgd(1e-9f),
            ReduceOnPlateau = new ReduceLearningRateOnPlateau(factor: 0.5f, patience: 1, minDelta: 0.01),
            PlateauMonitor = MonitoredQuantity.TrainingLoss,
        });
        // The loss never moves: epoch 1 sets the best, each later epoch is a plateau of patience 1.
        var rates = history.Epochs.Select(e => e.LearningRate).ToArray();
        Assert.Equal(1e-9f, rates[0]);
        Assert.Equal(1e-9f, rates[1]);
        Assert.True(rates[^1] < rates[1] / 4, string.Join(", ", rates));
    }

    [Fact]
    public void TheReportedLossIncludesTheWeightPenalty()
    {
        var network = SmallNetworks.TanhClassifier(hidden: 16, seed: 11);
        var dense = (DenseLayer)network.Layers[0];
        dense.KernelPenalty = new WeightPenalty(0.01f, 0.05f);
        double l1 = dense.Weights.ToArray().Sum(w => Math.Abs((double)w));
        double l2 = dense.Weights.ToArray().Sum(w => (double)w * w);
        double dataLoss = new NetworkEvaluator(network, new SoftmaxCrossEntropyLoss()).Evaluate(Spirals).Loss;
        using var trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), new Sgd(1e-9f), Spirals.RowCount);
        double stepLoss = trainer.Step(Spirals.Features, Spirals.Targets, ReadOnlySpan<float>.Empty, Spirals.RowCount);
        Assert.Equal(dataLoss + 0.01 * l1 + 0.05 * l2, stepLoss, 5);
    }

    [Fact]
    public void MaxNormBoundsEveryUnitsIncomingWeightsAfterTraining()
    {
        var network = SmallNetworks.TanhClassifier(hidden: 16, seed: 11);
        var dense = (DenseLayer)network.Layers[0];
        dense.MaxNorm = 0.5f;
        NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), Spirals, null, new TrainingOptions { Epochs = 5, Optimizer = new Adam(0.05f) });
        var weights = dense.Weights.ToArray();
        for (int unit = 0; unit < dense.Units; unit++)
        {
            double norm = Math.Sqrt(Enumerable.Range(0, dense.InputSize).Sum(i => (double)weights[i * dense.Units + unit] * weights[i * dense.Units + unit]));
            Assert.True(norm <= 0.5 + 1e-5, $"unit {unit}: norm {norm}");
        }
    }

    [Fact]
    public void ClippingByValueBoundsEachPlainSgdStep()
    {
        var network = SmallNetworks.TanhClassifier(hidden: 16, seed: 11);
        var before = network.SnapshotParameters();
        using var trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), new Sgd(1f), Spirals.RowCount)
        {
            Clipping = new GradientClippingOptions { ClipValue = 1e-3f },
        };
        trainer.Step(Spirals.Features, Spirals.Targets, ReadOnlySpan<float>.Empty, Spirals.RowCount);
        var after = network.SnapshotParameters();
        Assert.All(before.Zip(after), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-3f + 1e-7f));
        Assert.Contains(before.Zip(after), p => p.First != p.Second);
    }
}
