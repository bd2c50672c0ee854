namespace MLExtensions.Engine.Activations;

/// <summary>x·σ(x) (swish with β = 1, also accepted as "swish"); the derivative is σ(x)(1 + x(1 − σ(x))).</summary>
public sealed class Silu : Activation
{
    /// <inheritdoc/>
    public override string Name => "silu";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        SigmoidGated.Forward<Identity.Operator>(input, output);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        SigmoidGated.Backward<Identity.Operator>(input, outputGradient, inputGradient);
    }
}
