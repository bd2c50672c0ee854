using System.Runtime.CompilerServices;

namespace MLExtensions.Engine.Numerics;

/// <summary>
/// Sums of a float buffer accumulated in double. TensorPrimitives.SumOfSquares accumulates in float, which
/// loses digits over millions of gradients and overflows to ∞ once an element exceeds ~1.8e19 — and an
/// infinite norm would make clipping zero a finite gradient. Squares of floats cannot overflow a double,
/// so here ∞ means an element is ∞ and NaN means one is NaN.
/// </summary>
internal static class DoubleSums
{
    /// <summary>Σx².</summary>
    public static double SumOfSquares(ReadOnlySpan<float> values) => ElementWise.Sum(values, new Squares());

    /// <summary>Σ|x|.</summary>
    public static double SumOfMagnitudes(ReadOnlySpan<float> values) => ElementWise.Sum(values, new Magnitudes());

    internal readonly struct Squares : IWideningSumOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TW Accumulate<TL, TV, TW>(TW sum, TV x) where TL : IWideningLanes<TV, TW> where TV : struct where TW : struct =>
            TL.AddWidenedSquares(sum, x);
    }

    internal readonly struct Magnitudes : IWideningSumOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TW Accumulate<TL, TV, TW>(TW sum, TV x) where TL : IWideningLanes<TV, TW> where TV : struct where TW : struct =>
            TL.AddWidened(sum, TL.Abs(x));
    }
}
