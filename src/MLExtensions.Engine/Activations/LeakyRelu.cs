using System.Numerics;
using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// x for x &gt; 0, negative_slope·x otherwise. The default slope is 0.2, that of Keras 3's
/// <c>keras.activations.leaky_relu</c>, which is what the name "leaky_relu" means there (the LeakyReLU
/// <i>layer</i> defaults to 0.3). At 0 the derivative is the negative slope.
/// </summary>
public sealed class LeakyRelu : Activation
{
    public const double DefaultNegativeSlope = 0.2;
    internal const string NegativeSlopeParameter = "negative_slope";

    public LeakyRelu(double negativeSlope = DefaultNegativeSlope)
    {
        if (!double.IsFinite(negativeSlope) || negativeSlope < 0)
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "The negative slope must be finite and non-negative.");
        NegativeSlope = negativeSlope;
    }

    public double NegativeSlope { get; }

    public override string Name => "leaky_relu";

    public override ComponentConfig GetConfig() => new(Name, [new(NegativeSlopeParameter, NegativeSlope)]);

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        VectorMap.Apply(input, output, new Function(new Vector<float>((float)NegativeSlope)));
    }

    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        VectorMap.Apply(input, outputGradient, inputGradient, new Derivative(new Vector<float>((float)NegativeSlope)));
    }

    private readonly struct Function(Vector<float> slope) : IUnaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, x * slope);
    }

    private readonly struct Derivative(Vector<float> slope) : IBinaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> g) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), g, g * slope);
    }
}
