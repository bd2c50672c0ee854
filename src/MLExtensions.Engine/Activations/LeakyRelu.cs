using System.Runtime.CompilerServices;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// x for x &gt; 0, negative_slope·x otherwise. The default slope is 0.2, that of Keras 3's
/// <c>keras.activations.leaky_relu</c>, which is what the name "leaky_relu" means there (the LeakyReLU
/// <i>layer</i> defaults to 0.3). At 0 the derivative is the negative slope.
/// </summary>
public sealed class LeakyRelu : Activation
{
    /// <summary>The default negative slope, 0.2 (Keras 3's <c>leaky_relu</c> function).</summary>
    public const double DefaultNegativeSlope = 0.2;
    internal const string NegativeSlopeParameter = "negative_slope";

    /// <summary>A leaky ReLU with this slope for x ≤ 0.</summary>
    /// <param name="negativeSlope">The slope for x ≤ 0: finite and ≥ 0 (0 gives ReLU); default <see cref="DefaultNegativeSlope"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="negativeSlope"/> is negative, NaN or infinite.</exception>
    public LeakyRelu(double negativeSlope = DefaultNegativeSlope)
    {
        if (!double.IsFinite(negativeSlope) || negativeSlope < 0)
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "The negative slope must be finite and non-negative.");
        NegativeSlope = negativeSlope;
    }

    /// <summary>The slope for x ≤ 0; carried by <see cref="GetConfig"/> as <c>negative_slope</c>.</summary>
    public double NegativeSlope { get; }

    /// <inheritdoc/>
    public override string Name => "leaky_relu";

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => new(Name, [new(NegativeSlopeParameter, NegativeSlope)]);

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        ElementWise.Map(input, input, output, new ScaledWhereNotPositive((float)NegativeSlope));
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        ElementWise.Map(input, outputGradient, inputGradient, new ScaledWhereNotPositive((float)NegativeSlope));
    }

    /// <summary>v where x &gt; 0, slope·v elsewhere: the function with v = x, its derivative with v = g.</summary>
    private readonly struct ScaledWhereNotPositive(float slope) : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV v) where TL : ILanes<TV> where TV : struct =>
            TL.ConditionalSelect(TL.GreaterThan(x, TL.Broadcast(0f)), v, TL.Multiply(v, TL.Broadcast(slope)));
    }
}
