using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Regularization;

namespace MLExtensions.Engine.Tests.Layers;

/// <summary>
/// A dense layer's penalty gradients added part by part (as a trainer adds them while the weight-gradient product reports
/// its blocks) equal the penalties' own gradients of W and b added whole, and its penalty value is the penalties' values.
/// </summary>
public class DensePenaltyTests
{
    private const int Inputs = 7, Units = 5;

    [Fact]
    public void PenaltyGradientsAddedInPartsEqualThePenaltiesGradientsOfWAndB()
    {
        var (layer, gradients) = Layer();
        var expectedWeights = gradients[..(Inputs * Units)];
        var expectedBias = gradients[(Inputs * Units)..];
        layer.KernelPenalty!.AddGradient(layer.Weights, expectedWeights);
        layer.BiasPenalty!.AddGradient(layer.Bias, expectedBias);

        // Parts of odd lengths, one of them across the end of W into b.
        foreach (var (offset, length) in new[] { (0, 11), (11, 13), (24, 14), (38, 2) })
            layer.AddPenaltyGradients(offset, length);

        Assert.Equal([.. expectedWeights, .. expectedBias], layer.Gradients.ToArray());
        Assert.Equal(layer.KernelPenalty.Value(layer.Weights) + layer.BiasPenalty.Value(layer.Bias), layer.PenaltyValue());
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(0, -1)]
    [InlineData(38, 3)]
    [InlineData(41, 0)]
    public void APartOutsideTheParametersIsRefused(int offset, int length)
    {
        var (layer, _) = Layer();
        Assert.Throws<ArgumentOutOfRangeException>(() => layer.AddPenaltyGradients(offset, length));
    }

    private static (DenseLayer Layer, float[] Gradients) Layer()
    {
        var layer = new DenseLayer(Units) { KernelPenalty = WeightPenalty.ElasticNet(0.03f, 0.2f), BiasPenalty = WeightPenalty.L1(0.1f) };
        var network = new Network(Inputs, layer);
        var random = new RandomSource(9);
        network.InitializeParameters(random);
        for (int i = 0; i < layer.Bias.Length; i++)
            layer.Bias[i] = (float)random.NextGaussian();
        for (int i = 0; i < layer.Gradients.Length; i++)
            layer.Gradients[i] = (float)random.NextGaussian();
        return (layer, layer.Gradients.ToArray());
    }
}
