using MLExtensions.Engine.Initializers;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;
using MLExtensions.Engine.Training.Callbacks;

namespace MLExtensions.Engine.Tests.Reliability;

/// <summary>
/// The divergence baseline against hand computations: the loss of predicting the targets' mean is their variance (squared
/// error), the loss of predicting the class frequencies is their entropy (cross-entropy); the starting network's loss is
/// taken instead when larger.
/// </summary>
public class DivergenceBaselineTests
{
    /// <summary>A linear network whose output starts at exactly <paramref name="bias"/> for every row.</summary>
    private static Network ConstantNetwork(int inputs, int outputs, double bias)
    {
        var network = new Network(inputs, new DenseLayer(outputs, kernelInitializer: new Zeros(), biasInitializer: new Constant(bias)));
        network.InitializeParameters(new RandomSource(1));
        return network;
    }

    private static TrainingData Regression(double[] targets) =>
        new(targets.Select((_, i) => (float)i).ToArray(), 1, targets.Select(t => (float)t).ToArray(), 1);

    [Fact]
    public void ForSquaredErrorItIsTheTargetsVarianceWhenTheNetworkStartsAtTheirMean()
    {
        double[] targets = { 1, 2, 3, 4, 10 };
        double mean = targets.Average();
        double variance = targets.Sum(t => (t - mean) * (t - mean)) / targets.Length;
        var baseline = DivergenceBaseline.Measure(ConstantNetwork(1, 1, mean), new MeanSquaredErrorLoss(), Regression(targets), pool: null);
        Assert.Equal(variance, baseline.Value, 5);
        Assert.Equal("the loss of always predicting the targets' mean", baseline.Description);
    }

    [Fact]
    public void ForSquaredErrorItIsTheStartingNetworksLossWhenThatIsLarger()
    {
        // Targets near 150 and a network starting at 0: its loss, the mean square, is far above the variance.
        double[] targets = { 148, 150, 152 };
        double meanSquare = targets.Average(t => t * t);
        var baseline = DivergenceBaseline.Measure(ConstantNetwork(1, 1, 0), new MeanSquaredErrorLoss(), Regression(targets), pool: null);
        Assert.Equal(meanSquare, baseline.Value, 3);
        Assert.Equal("the loss of the network as training began", baseline.Description);
    }

    [Fact]
    public void WhenTheEvenlySpacedSampleWeighsNothingTheRowsThatWeighAreSampled()
    {
        // 20,000 rows sample 8,192 evenly spaced (0, 2, 4, 7, ...): rows 1 and 3, the only ones weighing anything, are not
        // among them. Their targets 0 and 10 have mean 5 and variance 25, and the network starts at 5.
        var targets = new float[20_000];
        var weights = new float[20_000];
        targets[3] = 10;
        weights[1] = weights[3] = 1;
        var data = new TrainingData(new float[20_000], 1, targets, 1, weights);
        var baseline = DivergenceBaseline.Measure(ConstantNetwork(1, 1, 5), new MeanSquaredErrorLoss(), data, pool: null);
        Assert.Equal(25, baseline.Value, 5);
        Assert.Equal("the loss of always predicting the targets' mean", baseline.Description);
    }

    [Fact]
    public void ForCrossEntropyItIsTheEntropyOfTheClassFrequencies()
    {
        // Classes 0, 0, 0, 1: predicting 3/4 and 1/4 costs the entropy −(¾ ln ¾ + ¼ ln ¼); the network starts there too.
        var data = new TrainingData(new float[4], 1, new float[] { 0, 0, 0, 1 }, 1);
        double entropy = -(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25));
        var network = ConstantNetwork(1, 2, 0);
        network.Layers[0].Parameters[2] = (float)Math.Log(0.75);
        network.Layers[0].Parameters[3] = (float)Math.Log(0.25);
        var baseline = DivergenceBaseline.Measure(network, new SoftmaxCrossEntropyLoss(), data, pool: null);
        Assert.Equal(entropy, baseline.Value, 5);
        Assert.Equal("the loss of always predicting the class frequencies", baseline.Description);
    }

    [Fact]
    public void ARunAlreadyFarOffInItsFirstEpochIsStoppedThere()
    {
        // Adam at a learning rate of 1000 on y = 2x: every step moves the weight by about ±1000, so from the first epoch on
        // the loss stays near a million times the targets' variance — huge, finite, and not growing, so a bound relative to
        // the first epoch would never see it.
        var random = new RandomSource(3);
        var x = Enumerable.Range(0, 64).Select(_ => (float)random.NextGaussian()).ToArray();
        var data = new TrainingData(x, 1, x.Select(v => 2 * v).ToArray(), 1);
        var network = new Network(1, new DenseLayer(1, useBias: false));
        network.Parameters[0] = 0.5f;
        var history = NetworkTrainer.Fit(network, new MeanSquaredErrorLoss(), data, null,
            new TrainingOptions { Epochs = 20, BatchSize = 8, Optimizer = new Adam(1000f) });
        Assert.Equal(StopReason.Diverged, history.StopReason);
        var epoch = Assert.Single(history.Epochs);
        Assert.True(epoch.TrainingLoss > 1e4, $"loss {epoch.TrainingLoss}");
        Assert.StartsWith("Epoch 1: the training loss", history.StopMessage);
        Assert.Contains("Lower the learning rate (it was 1E+03)", history.StopMessage);
        // No epoch was within bounds: the network is handed back as it started.
        Assert.Equal(-1, history.BestEpoch);
        Assert.Equal(0.5f, network.Parameters[0]);
    }
}
