using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Initializers;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;

namespace MLExtensions.Benchmarks;

/// <summary>
/// The training problem of the Fashion-MNIST reference experiment (samples/FashionMnist) in its shapes, shared by
/// <see cref="TrainingBenchmarks"/> and <see cref="TrainingPhases"/>: 55,000 random rows of 784 features and 10
/// classes, and the 784-300-100-10 ReLU network.
/// </summary>
internal static class ReferenceTraining
{
    public const int Rows = 55_000, Inputs = 784, Classes = 10;

    /// <summary>The layer widths, input first.</summary>
    public static readonly int[] Widths = [Inputs, 300, 100, Classes];

    public static TrainingData RandomRows(RandomSource random)
    {
        var features = new float[Rows * Inputs];
        for (int i = 0; i < features.Length; i++)
            features[i] = random.NextFloat();
        var labels = new float[Rows];
        for (int i = 0; i < Rows; i++)
            labels[i] = random.NextInt(Classes);
        return new TrainingData(features, Inputs, labels, 1);
    }

    public static Network Network(RandomSource random)
    {
        var network = new Network(Inputs,
            new DenseLayer(300, Activation.FromName("relu"), kernelInitializer: new GlorotUniform()),
            new DenseLayer(100, Activation.FromName("relu"), kernelInitializer: new GlorotUniform()),
            new DenseLayer(Classes, kernelInitializer: new GlorotUniform()));
        network.InitializeParameters(random);
        return network;
    }
}
