using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Activations;

/// <summary>x for x &gt; 0, α(eˣ − 1) otherwise (α = 1 by default, as in Keras); the derivative for x ≤ 0 is f(x) + α.</summary>
public sealed class Elu : Activation
{
    public const double DefaultAlpha = 1.0;
    internal const string AlphaParameter = "alpha";

    public Elu(double alpha = DefaultAlpha)
    {
        if (!double.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be finite.");
        Alpha = alpha;
    }

    public double Alpha { get; }

    public override string Name => "elu";

    public override ComponentConfig GetConfig() => new(Name, [new(AlphaParameter, Alpha)]);

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        ExponentialLinear.Forward(input, output, 1f, (float)Alpha);
    }

    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        ExponentialLinear.Backward(input, output, outputGradient, inputGradient, 1f, (float)Alpha);
    }
}
