using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace MLExtensions.Engine.Numerics;

/// <summary>
/// Span versions of expm1, log1p and tanh that keep full float precision near zero. TensorPrimitives 10
/// computes ExpM1 as exp(x) − 1, LogP1 as log(1 + x) and Tanh through exp(2x), which cancel to a large
/// relative error for |x| ≲ 1e-3 (tanh(1e-7) comes out as 6e-8). ELU, SELU, softplus and tanh are built on
/// these, and their small-argument values are exactly the ones a freshly initialized network produces.
/// All allow <c>destination</c> to be exactly <c>x</c>.
/// </summary>
internal static class AccurateMath
{
    public static void ExpM1(ReadOnlySpan<float> x, Span<float> destination) =>
        ChunkedMap.Map(x, destination, new Exponential(), new ExpM1Operator());

    public static void LogP1(ReadOnlySpan<float> x, Span<float> destination) =>
        ChunkedMap.Map(x, destination, new LogOfOnePlus(), new LogP1Operator());

    public static void Tanh(ReadOnlySpan<float> x, Span<float> destination) =>
        ChunkedMap.Map(x, destination, new ExpM1OfTwiceClampedMagnitude(), new TanhOperator());

    private readonly struct Exponential : ISpanFunction
    {
        public void Invoke(ReadOnlySpan<float> x, Span<float> destination) => TensorPrimitives.Exp(x, destination);
    }

    /// <summary>log(w) with w = fl(1 + x), rounded as the quotient in <see cref="LogP1Operator"/> expects.</summary>
    private readonly struct LogOfOnePlus : ISpanFunction
    {
        public void Invoke(ReadOnlySpan<float> x, Span<float> destination)
        {
            TensorPrimitives.Add(x, 1f, destination);
            TensorPrimitives.Log(destination, destination);
        }
    }

    /// <summary>expm1(2·min(|x|, 10)): tanh(10) already rounds to 1, and the clamp keeps expm1 finite.</summary>
    private readonly struct ExpM1OfTwiceClampedMagnitude : ISpanFunction
    {
        public void Invoke(ReadOnlySpan<float> x, Span<float> destination)
        {
            ElementWise.Map(x, destination, new TwiceClampedMagnitude());
            ExpM1(destination, destination);
        }
    }

    /// <summary>expm1 from its Taylor series where exp(x) − 1 would cancel, from exp elsewhere.</summary>
    internal readonly struct ExpM1Operator : IBinaryOperator
    {
        // Degree 8 leaves a relative truncation error of 0.5⁸/9! ≈ 1e-8 at the switch point.
        private const float SeriesLimit = 0.5f;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV exp) where TL : ILanes<TV> where TV : struct
        {
            var p = TL.Broadcast(1f / 40320f);
            p = TL.Add(TL.Multiply(p, x), TL.Broadcast(1f / 5040f));
            p = TL.Add(TL.Multiply(p, x), TL.Broadcast(1f / 720f));
            p = TL.Add(TL.Multiply(p, x), TL.Broadcast(1f / 120f));
            p = TL.Add(TL.Multiply(p, x), TL.Broadcast(1f / 24f));
            p = TL.Add(TL.Multiply(p, x), TL.Broadcast(1f / 6f));
            p = TL.Add(TL.Multiply(p, x), TL.Broadcast(0.5f));
            p = TL.Multiply(TL.Add(TL.Multiply(p, x), TL.Broadcast(1f)), x);
            var small = TL.LessThan(TL.Abs(x), TL.Broadcast(SeriesLimit));
            return TL.ConditionalSelect(small, p, TL.Subtract(exp, TL.Broadcast(1f)));
        }
    }

    /// <summary>
    /// log1p(x) = log(w)·x/(w − 1) with w = fl(1 + x): the quotient cancels the rounding committed in forming
    /// w (Goldberg, "What every computer scientist should know about floating-point arithmetic", thm. 4).
    /// </summary>
    internal readonly struct LogP1Operator : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV logW) where TL : ILanes<TV> where TV : struct
        {
            var one = TL.Broadcast(1f);
            var wMinusOne = TL.Subtract(TL.Add(x, one), one);
            var exact = TL.Equals(wMinusOne, TL.Broadcast(0f));
            return TL.ConditionalSelect(exact, x, TL.Divide(TL.Multiply(logW, x), wMinusOne));
        }
    }

    private readonly struct TwiceClampedMagnitude : IUnaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct =>
            TL.Multiply(TL.Min(TL.Abs(x), TL.Broadcast(10f)), TL.Broadcast(2f));
    }

    /// <summary>tanh|x| = e/(e + 2) with e = expm1(2|x|), given the sign of x.</summary>
    internal readonly struct TanhOperator : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV e) where TL : ILanes<TV> where TV : struct =>
            TL.CopySign(TL.Divide(e, TL.Add(e, TL.Broadcast(2f))), x);
    }
}
