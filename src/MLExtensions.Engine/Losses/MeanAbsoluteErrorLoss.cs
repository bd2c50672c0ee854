using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Losses;

/// <summary>ρ(d) = |d|, averaged over an example's outputs; the subgradient is sign(d), taken as 0 at d = 0.</summary>
public sealed class MeanAbsoluteErrorLoss : RegressionLoss
{
    /// <inheritdoc/>
    public override string Name => "mean_absolute_error";

    /// <inheritdoc/>
    protected override double SumOfTerms(ReadOnlySpan<float> difference, Span<float> scratch) => TensorPrimitives.SumOfMagnitudes(difference);

    /// <inheritdoc/>
    protected override void DifferenceToGradient(Span<float> difference, float scale) =>
        ElementWise.Map(difference, difference, new ScaledSign(scale));

    private readonly struct ScaledSign(float scale) : IUnaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV d) where TL : ILanes<TV> where TV : struct
        {
            var zero = TL.Broadcast(0f);
            var vScale = TL.Broadcast(scale);
            return TL.ConditionalSelect(TL.GreaterThan(d, zero), vScale,
                TL.ConditionalSelect(TL.LessThan(d, zero), TL.Negate(vScale), zero));
        }
    }
}
