using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Clipping;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Regularization;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Training;

/// <summary>A training step after the first allocates nothing (counted on the calling thread, not timed).</summary>
public class AllocationTests
{
    [Fact]
    public void StepsAfterTheFirstAllocateNothing()
    {
        const int batch = 16;
        var random = new RandomSource(1);
        var dense = new DenseLayer(12, Activation.FromName("relu")) { KernelPenalty = WeightPenalty.L2(1e-4f), MaxNorm = 3f };
        var network = new Network(20, dense, new BatchNormalizationLayer(), new DropoutLayer(0.2f), new DenseLayer(5, Activation.FromName("tanh")), new DenseLayer(3));
        network.InitializeParameters(random);
        network.Layers[3].Trainable = false;
        var features = Enumerable.Range(0, batch * 20).Select(_ => (float)random.NextGaussian()).ToArray();
        var labels = Enumerable.Range(0, batch).Select(i => (float)(i % 3)).ToArray();
        using var trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), new Nadam(), batch, seed: 1)
        {
            Clipping = new GradientClippingOptions { ClipNorm = 1f, GlobalClipNorm = 5f },
        };
        Assert.Equal(0, Allocations.InSteadyState(() => trainer.Step(features, labels, ReadOnlySpan<float>.Empty, batch)));
    }
}
