using System.Numerics;
using System.Numerics.Tensors;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// The exact GELU, x·Φ(x) with Φ the standard normal CDF (Hendrycks &amp; Gimpel 2016); the derivative is
/// Φ(x) + x·φ(x). For the tanh approximation see <see cref="GeluTanh"/>.
/// <para>
/// Φ comes from erfc so that the left tail keeps its relative precision (1 + erf(x/√2) would cancel to 0 by
/// x ≈ −5.5), using the Chebyshev-fitted erfc of Numerical Recipes (relative error below 1.2e-7 everywhere),
/// evaluated in double because its exponent −z² would otherwise lose a few ulps for moderate |x|.
/// </para>
/// </summary>
public sealed class Gelu : Activation
{
    private const int Chunk = VectorMap.ChunkLength / 2;
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double InverseSqrt2Pi = 0.39894228040143267794;

    public override string Name => "gelu";

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        Span<double> x = stackalloc double[Chunk];
        Span<double> cdf = stackalloc double[Chunk];
        for (int start = 0; start < input.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, input.Length - start);
            var xs = x[..length];
            var phi = cdf[..length];
            Widen(input.Slice(start, length), xs);
            NormalCdf(xs, phi);
            var y = output.Slice(start, length);
            for (int i = 0; i < length; i++)
                y[i] = (float)(xs[i] * phi[i]);
        }
    }

    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        Span<double> x = stackalloc double[Chunk];
        Span<double> cdf = stackalloc double[Chunk];
        Span<double> density = stackalloc double[Chunk];
        for (int start = 0; start < input.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, input.Length - start);
            var xs = x[..length];
            var phi = cdf[..length];
            var pdf = density[..length];
            Widen(input.Slice(start, length), xs);
            NormalCdf(xs, phi);
            VectorMap.Apply(xs, pdf, new MinusHalfSquare());
            TensorPrimitives.Exp(pdf, pdf);
            var g = outputGradient.Slice(start, length);
            var dx = inputGradient.Slice(start, length);
            for (int i = 0; i < length; i++)
                dx[i] = (float)(g[i] * (phi[i] + xs[i] * pdf[i] * InverseSqrt2Pi));
        }
    }

    private static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = source[i];
    }

    /// <summary>Φ(x) = erfc(−x/√2)/2, taking erfc of |x|/√2 and reflecting for positive x.</summary>
    private static void NormalCdf(ReadOnlySpan<double> x, Span<double> destination)
    {
        VectorMap.Apply(x, destination, new ErfcExponent());
        TensorPrimitives.Exp(destination, destination);
        VectorMap.Apply(x, destination, destination, new CdfFromErfc());
    }

    /// <summary>z = |x|/√2 and t = 1/(1 + z/2), the variables of the Numerical Recipes erfc fit.</summary>
    private static (Vector<double> Z, Vector<double> T) Variables(Vector<double> x)
    {
        var z = Vector.Abs(x) * new Vector<double>(InverseSqrt2);
        var t = Vector<double>.One / (Vector<double>.One + new Vector<double>(0.5) * z);
        return (z, t);
    }

    private readonly struct ErfcExponent : IUnaryVectorOp<double>
    {
        public Vector<double> Invoke(Vector<double> x)
        {
            var (z, t) = Variables(x);
            var p = new Vector<double>(0.17087277);
            p = p * t + new Vector<double>(-0.82215223);
            p = p * t + new Vector<double>(1.48851587);
            p = p * t + new Vector<double>(-1.13520398);
            p = p * t + new Vector<double>(0.27886807);
            p = p * t + new Vector<double>(-0.18628806);
            p = p * t + new Vector<double>(0.09678418);
            p = p * t + new Vector<double>(0.37409196);
            p = p * t + new Vector<double>(1.00002368);
            return p * t - new Vector<double>(1.26551223) - z * z;
        }
    }

    private readonly struct CdfFromErfc : IBinaryVectorOp<double>
    {
        public Vector<double> Invoke(Vector<double> x, Vector<double> exponential)
        {
            var (_, t) = Variables(x);
            var halfErfc = new Vector<double>(0.5) * t * exponential;
            return Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, Vector<double>.Zero), Vector<double>.One - halfErfc, halfErfc);
        }
    }

    private readonly struct MinusHalfSquare : IUnaryVectorOp<double>
    {
        public Vector<double> Invoke(Vector<double> x) => new Vector<double>(-0.5) * x * x;
    }
}
