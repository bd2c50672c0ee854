using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Networks;

/// <summary>Small problems a correct engine must learn completely.</summary>
public class LearningProblemTests
{
    [Fact]
    public void XorIsLearnedToFullTrainingAccuracy()
    {
        var features = new float[] { 0, 0, 0, 1, 1, 0, 1, 1 };
        var labels = new float[] { 0, 1, 1, 0 };
        var data = new TrainingData(features, 2, labels, 1);
        var network = new Network(2, new DenseLayer(8, Activation.FromName("tanh")), new DenseLayer(1));
        network.InitializeParameters(new RandomSource(3));
        using var trainer = new MiniBatchTrainer(network, new BinaryCrossEntropyLoss(), new Adam(0.05f), batchSize: 4, seed: 3);
        double loss = double.NaN;
        for (int epoch = 0; epoch < 500; epoch++)
            loss = trainer.TrainEpoch(data);

        Assert.True(loss < 0.05, $"final loss {loss}");
        Assert.Equal(1.0, Accuracy(network, data, classes: 1));
    }

    [Fact]
    public void TwoSpiralsAreLearnedToFullTrainingAccuracy()
    {
        var data = TwoSpirals.Data(pointsPerArm: 100, new RandomSource(5));
        var network = new Network(2,
            new DenseLayer(64, Activation.FromName("tanh")),
            new DenseLayer(64, Activation.FromName("tanh")),
            new DenseLayer(2));
        network.InitializeParameters(new RandomSource(5));
        using var trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), new Adam(0.01f), batchSize: 32, seed: 5);
        double accuracy = 0;
        for (int epoch = 0; epoch < 1500 && accuracy < 1.0; epoch++)
        {
            trainer.TrainEpoch(data);
            if (epoch % 50 == 49)
                accuracy = Accuracy(network, data, classes: 2);
        }
        Assert.Equal(1.0, Accuracy(network, data, classes: 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TheSameSeedGivesTheSameModelWhateverTheThreadCount(int threads)
    {
        float[] reference = TrainSmallNetwork(1);
        float[] other = TrainSmallNetwork(threads);
        Assert.Equal(reference, other);
    }

    private static float[] TrainSmallNetwork(int threads)
    {
        var data = TwoSpirals.Data(pointsPerArm: 150, new RandomSource(9));
        var network = new Network(2,
            new DenseLayer(96, Activation.FromName("relu")),
            new DenseLayer(80, Activation.FromName("relu")),
            new DenseLayer(2));
        network.InitializeParameters(new RandomSource(9));
        using var trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), new Adam(0.01f), batchSize: 64, numberOfThreads: threads, seed: 9);
        for (int epoch = 0; epoch < 3; epoch++)
            trainer.TrainEpoch(data);
        return network.SnapshotParameters();
    }

    [Fact]
    public void ADivergingRunStopsWithAClearMessageAndKeepsFiniteWeights()
    {
        var data = TwoSpirals.Data(pointsPerArm: 50, new RandomSource(2));
        var network = new Network(2, new DenseLayer(16, Activation.FromName("relu")), new DenseLayer(2));
        network.InitializeParameters(new RandomSource(2));
        using var trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), new Sgd(1e30f), batchSize: 10, seed: 2);
        var error = Assert.Throws<TrainingDivergedException>(() =>
        {
            for (int epoch = 0; epoch < 100; epoch++)
                trainer.TrainEpoch(data);
        });
        Assert.Contains("loss became", error.Message);
        Assert.All(network.SnapshotParameters(), v => Assert.True(float.IsFinite(v)));
    }

    internal static double Accuracy(Network network, TrainingData data, int classes)
    {
        var workspace = new NetworkWorkspace(network, data.RowCount);
        var outputs = network.Forward(workspace, LayerContext.Inference(), data.Features, data.RowCount);
        int correct = 0;
        for (int row = 0; row < data.RowCount; row++)
        {
            int predicted;
            if (classes == 1)
                predicted = outputs[row] > 0 ? 1 : 0;
            else
            {
                predicted = 0;
                for (int c = 1; c < network.OutputSize; c++)
                    if (outputs[row * network.OutputSize + c] > outputs[row * network.OutputSize + predicted])
                        predicted = c;
            }
            if (predicted == (int)data.Targets[row])
                correct++;
        }
        return (double)correct / data.RowCount;
    }
}
