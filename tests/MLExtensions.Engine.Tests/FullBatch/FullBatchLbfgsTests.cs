using MLExtensions.Engine.Activations;
using MLExtensions.Engine.FullBatch;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Networks;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Tests.Training;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.FullBatch;

public class FullBatchLbfgsTests
{
    [Fact]
    public void LbfgsLearnsXorAndTwoSpiralsCompletely()
    {
        var xor = new TrainingData(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 2, new float[] { 0, 1, 1, 0 }, 1);
        var small = new Network(2, new DenseLayer(6, Activation.FromName("tanh")), new DenseLayer(1));
        small.InitializeParameters(new RandomSource(1));
        var xorResult = FullBatchLbfgs.Fit(small, new BinaryCrossEntropyLoss(), xor);
        Assert.True(xorResult.Loss < 1e-3, $"{xorResult}");
        Assert.Equal(1.0, LearningProblemTests.Accuracy(small, xor, classes: 1));

        var spirals = TwoSpirals.Data(60, new RandomSource(2));
        var network = new Network(2, new DenseLayer(32, Activation.FromName("tanh")), new DenseLayer(32, Activation.FromName("tanh")), new DenseLayer(2));
        network.InitializeParameters(new RandomSource(2));
        var result = FullBatchLbfgs.Fit(network, new SoftmaxCrossEntropyLoss(), spirals, new Lbfgs(maxIterations: 500), numberOfThreads: 2);
        Assert.Equal(1.0, LearningProblemTests.Accuracy(network, spirals, classes: 2));
        Assert.True(result.Loss < 0.05, $"{result}");
    }

    [Fact]
    public void DropoutIsRefusedBecauseTheObjectiveMustBeDeterministic()
    {
        var network = new Network(2, new DenseLayer(4), new DropoutLayer(0.5f), new DenseLayer(2));
        var data = TwoSpirals.Data(5, new RandomSource(1));
        var error = Assert.Throws<ArgumentException>(() => FullBatchLbfgs.Fit(network, new SoftmaxCrossEntropyLoss(), data));
        Assert.Contains("dropout", error.Message);
    }

    [Fact]
    public void AMaxNormBoundIsRefusedBecauseTheMinimizerCannotKeepIt()
    {
        var network = new Network(2, new DenseLayer(4) { MaxNorm = 3f }, new DenseLayer(2));
        var data = TwoSpirals.Data(5, new RandomSource(1));
        var error = Assert.Throws<ArgumentException>(() => FullBatchLbfgs.Fit(network, new SoftmaxCrossEntropyLoss(), data));
        Assert.Contains("max-norm", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1025)]
    public void AThreadCountOutOfRangeIsRefusedNamingTheArgument(int threads)
    {
        var network = new Network(2, new DenseLayer(2));
        var data = TwoSpirals.Data(5, new RandomSource(1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            FullBatchLbfgs.Fit(network, new SoftmaxCrossEntropyLoss(), data, numberOfThreads: threads));
        Assert.Equal("numberOfThreads", error.ParamName);
    }
}
