using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Tests.Support;

/// <summary>The small networks the training tests fit to two-feature, two-class problems such as <see cref="TwoSpirals"/>.</summary>
internal static class SmallNetworks
{
    /// <summary>Two inputs, one tanh layer of <paramref name="hidden"/> units and two class outputs, its parameters
    /// drawn from <paramref name="seed"/>.</summary>
    public static Network TanhClassifier(int hidden, ulong seed)
    {
        var network = new Network(2, new DenseLayer(hidden, Activation.FromName("tanh")), new DenseLayer(2));
        network.InitializeParameters(new RandomSource(seed));
        return network;
    }
}
