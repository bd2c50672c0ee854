using System.Numerics;
using System.Numerics.Tensors;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// Span versions of expm1, log1p and tanh that keep full float precision near zero. TensorPrimitives 10
/// computes ExpM1 as exp(x) − 1, LogP1 as log(1 + x) and Tanh through exp(2x), which cancel to a large
/// relative error for |x| ≲ 1e-3 (tanh(1e-7) comes out as 6e-8). ELU, SELU, softplus and tanh are built on
/// these, and their small-argument values are exactly the ones a freshly initialized network produces.
/// All allow <c>destination</c> to be exactly <c>x</c>.
/// </summary>
internal static class AccurateMath
{
    public static void ExpM1(ReadOnlySpan<float> x, Span<float> destination)
    {
        Span<float> exp = stackalloc float[VectorMap.ChunkLength];
        for (int start = 0; start < destination.Length; start += VectorMap.ChunkLength)
        {
            int length = Math.Min(VectorMap.ChunkLength, destination.Length - start);
            var xs = x.Slice(start, length);
            var e = exp[..length];
            TensorPrimitives.Exp(xs, e);
            VectorMap.Apply(xs, e, destination.Slice(start, length), new ExpM1Op());
        }
    }

    public static void LogP1(ReadOnlySpan<float> x, Span<float> destination)
    {
        Span<float> log = stackalloc float[VectorMap.ChunkLength];
        for (int start = 0; start < destination.Length; start += VectorMap.ChunkLength)
        {
            int length = Math.Min(VectorMap.ChunkLength, destination.Length - start);
            var xs = x.Slice(start, length);
            var l = log[..length];
            TensorPrimitives.Add(xs, 1f, l);
            TensorPrimitives.Log(l, l);
            VectorMap.Apply(xs, l, destination.Slice(start, length), new LogP1Op());
        }
    }

    public static void Tanh(ReadOnlySpan<float> x, Span<float> destination)
    {
        Span<float> em1 = stackalloc float[VectorMap.ChunkLength];
        for (int start = 0; start < destination.Length; start += VectorMap.ChunkLength)
        {
            int length = Math.Min(VectorMap.ChunkLength, destination.Length - start);
            var xs = x.Slice(start, length);
            var e = em1[..length];
            VectorMap.Apply(xs, e, new TwiceClampedMagnitude());
            ExpM1(e, e);
            VectorMap.Apply(xs, e, destination.Slice(start, length), new TanhOp());
        }
    }

    /// <summary>expm1 from its Taylor series where exp(x) − 1 would cancel, from exp elsewhere.</summary>
    private readonly struct ExpM1Op : IBinaryVectorOp<float>
    {
        // Degree 8 leaves a relative truncation error of 0.5⁸/9! ≈ 1e-8 at the switch point.
        private const float SeriesLimit = 0.5f;

        public Vector<float> Invoke(Vector<float> x, Vector<float> exp)
        {
            var p = new Vector<float>(1f / 40320f);
            p = p * x + new Vector<float>(1f / 5040f);
            p = p * x + new Vector<float>(1f / 720f);
            p = p * x + new Vector<float>(1f / 120f);
            p = p * x + new Vector<float>(1f / 24f);
            p = p * x + new Vector<float>(1f / 6f);
            p = p * x + new Vector<float>(0.5f);
            p = (p * x + Vector<float>.One) * x;
            var small = Vector.LessThan(Vector.Abs(x), new Vector<float>(SeriesLimit));
            return Vector.ConditionalSelect(small, p, exp - Vector<float>.One);
        }
    }

    /// <summary>
    /// log1p(x) = log(w)·x/(w − 1) with w = fl(1 + x): the quotient cancels the rounding committed in forming
    /// w (Goldberg, "What every computer scientist should know about floating-point arithmetic", thm. 4).
    /// </summary>
    private readonly struct LogP1Op : IBinaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> logW)
        {
            var wMinusOne = (x + Vector<float>.One) - Vector<float>.One;
            var exact = Vector.Equals(wMinusOne, Vector<float>.Zero);
            return Vector.ConditionalSelect(exact, x, logW * x / wMinusOne);
        }
    }

    /// <summary>2·min(|x|, 10): tanh(10) already rounds to 1, and the clamp keeps expm1 finite.</summary>
    private readonly struct TwiceClampedMagnitude : IUnaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x) => Vector.Min(Vector.Abs(x), new Vector<float>(10f)) * new Vector<float>(2f);
    }

    /// <summary>tanh|x| = e/(e + 2) with e = expm1(2|x|), given the sign of x.</summary>
    private readonly struct TanhOp : IBinaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> e) =>
            Vector.ConditionalSelect(new Vector<float>(-0f), x, e / (e + new Vector<float>(2f)));
    }
}
