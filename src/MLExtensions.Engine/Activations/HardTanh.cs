using System.Numerics.Tensors;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>x clipped to [−1, 1]; the derivative is 1 strictly inside (−1, 1) and 0 elsewhere, including at ±1.</summary>
public sealed class HardTanh : Activation
{
    /// <inheritdoc/>
    public override string Name => "hard_tanh";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        TensorPrimitives.Clamp(input, -1f, 1f, output);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        ElementWise.Map(input, outputGradient, inputGradient, new PassInside(bound: 1f, run: 1f));
    }
}
