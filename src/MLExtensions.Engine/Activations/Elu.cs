using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Activations;

/// <summary>x for x &gt; 0, α(eˣ − 1) otherwise (α = 1 by default, as in Keras); the derivative for x ≤ 0 is f(x) + α.</summary>
public sealed class Elu : Activation
{
    /// <summary>The default α, 1.0 (Keras' default).</summary>
    public const double DefaultAlpha = 1.0;
    internal const string AlphaParameter = "alpha";

    /// <summary>An ELU with scale α on the negative side.</summary>
    /// <param name="alpha">α, the value f approaches as x → −∞ is −α; any finite value, default <see cref="DefaultAlpha"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is NaN or infinite.</exception>
    public Elu(double alpha = DefaultAlpha)
    {
        if (!double.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be finite.");
        Alpha = alpha;
    }

    /// <summary>α, the negative-side scale; carried by <see cref="GetConfig"/> as <c>alpha</c>.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public override string Name => "elu";

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => new(Name, [new(AlphaParameter, Alpha)]);

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        ExponentialLinear.Forward(input, output, 1f, (float)Alpha);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        ExponentialLinear.Backward(input, output, outputGradient, inputGradient, 1f, (float)Alpha);
    }
}
