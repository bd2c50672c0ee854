using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Losses;

/// <summary>
/// ρ(d) = d²/2 for |d| ≤ δ and δ(|d| − δ/2) beyond, averaged over an example's outputs (Keras' Huber, δ = 1
/// by default); ρ'(d) = clip(d, −δ, δ).
/// </summary>
public sealed class HuberLoss : RegressionLoss
{
    /// <summary>The default δ, 1.0 (Keras').</summary>
    public const double DefaultDelta = 1.0;
    internal const string DeltaParameter = "delta";

    /// <summary>A Huber loss with threshold <paramref name="delta"/>.</summary>
    /// <param name="delta">δ, where the loss turns from quadratic to linear, in target units; positive and finite, default <see cref="DefaultDelta"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive, or is NaN or infinite.</exception>
    public HuberLoss(double delta = DefaultDelta)
    {
        if (!(delta > 0 && double.IsFinite(delta)))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Delta must be positive and finite.");
        Delta = delta;
    }

    /// <summary>δ, in target units; carried by <see cref="GetConfig"/> as <c>delta</c>.</summary>
    public double Delta { get; }

    /// <inheritdoc/>
    public override string Name => "huber";

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => new(Name, [new(DeltaParameter, Delta)]);

    /// <inheritdoc/>
    protected override double SumOfTerms(ReadOnlySpan<float> difference, Span<float> scratch)
    {
        ElementWise.Map(difference, scratch, new Term((float)Delta));
        return TensorPrimitives.Sum(scratch);
    }

    /// <inheritdoc/>
    protected override void DifferenceToGradient(Span<float> difference, float scale)
    {
        float delta = (float)Delta;
        TensorPrimitives.Clamp(difference, -delta, delta, difference);
        TensorPrimitives.Multiply(difference, scale, difference);
    }

    private readonly struct Term(float delta) : IUnaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV d) where TL : ILanes<TV> where TV : struct
        {
            var vDelta = TL.Broadcast(delta);
            var half = TL.Broadcast(0.5f);
            var magnitude = TL.Abs(d);
            var quadratic = TL.Multiply(TL.Multiply(half, d), d);
            var linear = TL.Multiply(vDelta, TL.Subtract(magnitude, TL.Multiply(half, vDelta)));
            return TL.ConditionalSelect(TL.LessThanOrEqual(magnitude, vDelta), quadratic, linear);
        }
    }
}
