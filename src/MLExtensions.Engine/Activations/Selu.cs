namespace MLExtensions.Engine.Activations;

/// <summary>
/// scale·x for x &gt; 0, scale·α(eˣ − 1) otherwise, with Keras' constants α = 1.67326324 and
/// scale = 1.05070098 (Klambauer et al. 2017). Pair it with LeCun-normal weights.
/// </summary>
public sealed class Selu : Activation
{
    /// <summary>α = 1.67326324, the negative-side factor that makes SELU self-normalising (Keras' constant).</summary>
    public const float Alpha = 1.67326324f;

    /// <summary>scale = 1.05070098, the overall factor that makes SELU self-normalising (Keras' constant).</summary>
    public const float Scale = 1.05070098f;

    /// <inheritdoc/>
    public override string Name => "selu";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        ExponentialLinear.Forward(input, output, Scale, Scale * Alpha);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        ExponentialLinear.Backward(input, output, outputGradient, inputGradient, Scale, Scale * Alpha);
    }
}
