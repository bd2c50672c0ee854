using System.Numerics.Tensors;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Layers;

/// <summary>
/// Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1/(1 − rate),
/// so inference is the identity and needs no rescaling.
/// </summary>
public sealed class DropoutLayer(float rate) : DropoutLayerBase(rate, "dropout")
{
    /// <inheritdoc/>
    public override string Kind => "dropout";

    /// <summary>The mask is 0 or 1/(1 − rate) per value, so the backward pass multiplies by it as it is.</summary>
    private protected override void Drop(RandomSource random, ReadOnlySpan<float> input, Span<float> output, Span<float> mask)
    {
        float keepScale = 1f / (1f - Rate);
        for (int i = 0; i < mask.Length; i++)
            mask[i] = random.NextFloat() >= Rate ? keepScale : 0f;
        TensorPrimitives.Multiply(input, mask, output);
    }

    private protected override void BackwardThroughMask(ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> mask, Span<float> inputGradient) =>
        TensorPrimitives.Multiply(outputGradient, mask, inputGradient);
}
