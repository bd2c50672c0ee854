using System.Numerics.Tensors;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// The exact GELU, x·Φ(x) with Φ the standard normal CDF (Hendrycks &amp; Gimpel 2016); the derivative is
/// Φ(x) + x·φ(x). For the tanh approximation see <see cref="GeluTanh"/>.
/// <para>
/// Φ comes from erfc so that the left tail keeps its relative precision (1 + erf(x/√2) would cancel to 0 by
/// x ≈ −5.5), using the Chebyshev-fitted erfc of Numerical Recipes (relative error below 1.2e-7 everywhere),
/// evaluated in double because its exponent −z² would otherwise lose a few ulps for moderate |x|. The double
/// passes are TensorPrimitives span calls over a chunk, each an unfused operation in a fixed order.
/// </para>
/// </summary>
public sealed class Gelu : Activation
{
    private const int Chunk = ElementWise.ChunkLength / 2;
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double InverseSqrt2Pi = 0.39894228040143267794;

    // The Numerical Recipes erfc fit: erfc(z) ≈ t·exp(−z² + P(t)), t = 1/(1 + z/2), P's coefficients from the highest power.
    private static readonly double[] ErfcCoefficients =
        [0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368];
    private const double ErfcConstant = -1.26551223;

    /// <inheritdoc/>
    public override string Name => "gelu";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        Span<double> x = stackalloc double[Chunk];
        Span<double> halfErfc = stackalloc double[Chunk];
        for (int start = 0; start < input.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, input.Length - start);
            var xs = x[..length];
            var h = halfErfc[..length];
            WidenWithHalfErfc(input.Slice(start, length), xs, h);
            var y = output.Slice(start, length);
            for (int i = 0; i < length; i++)
                y[i] = (float)(xs[i] * Cdf(xs[i], h[i]));
        }
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        Span<double> x = stackalloc double[Chunk];
        Span<double> halfErfc = stackalloc double[Chunk];
        Span<double> density = stackalloc double[Chunk];
        for (int start = 0; start < input.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, input.Length - start);
            var xs = x[..length];
            var h = halfErfc[..length];
            var pdf = density[..length];
            WidenWithHalfErfc(input.Slice(start, length), xs, h);
            TensorPrimitives.Multiply(xs, -0.5, pdf);
            TensorPrimitives.Multiply(pdf, xs, pdf);
            TensorPrimitives.Exp(pdf, pdf);
            var g = outputGradient.Slice(start, length);
            var dx = inputGradient.Slice(start, length);
            for (int i = 0; i < length; i++)
                dx[i] = (float)(g[i] * (Cdf(xs[i], h[i]) + xs[i] * pdf[i] * InverseSqrt2Pi));
        }
    }

    /// <summary>Φ(x) = erfc(−x/√2)/2 from erfc(|x|/√2)/2, reflected for non-negative x.</summary>
    private static double Cdf(double x, double halfErfc) => x >= 0 ? 1 - halfErfc : halfErfc;

    /// <summary>
    /// Widens a chunk of <paramref name="input"/> into <paramref name="x"/> and writes erfc(|x|/√2)/2 into
    /// <paramref name="halfErfc"/>: z = |x|/√2, t = 1/(1 + z/2), then ½·t·exp(P(t)·t − 1.26551223 − z²).
    /// </summary>
    private static void WidenWithHalfErfc(ReadOnlySpan<float> input, Span<double> x, Span<double> halfErfc)
    {
        for (int i = 0; i < x.Length; i++)
            x[i] = input[i];
        Span<double> z = stackalloc double[Chunk];
        Span<double> p = stackalloc double[Chunk];
        z = z[..x.Length];
        p = p[..x.Length];
        var t = halfErfc;
        TensorPrimitives.Abs(x, z);
        TensorPrimitives.Multiply(z, InverseSqrt2, z);
        TensorPrimitives.Multiply(z, 0.5, t);
        TensorPrimitives.Add(t, 1.0, t);
        TensorPrimitives.Divide(1.0, t, t);

        p.Fill(ErfcCoefficients[0]);
        for (int k = 1; k < ErfcCoefficients.Length; k++)
        {
            TensorPrimitives.Multiply(p, t, p);
            TensorPrimitives.Add(p, ErfcCoefficients[k], p);
        }
        TensorPrimitives.Multiply(p, t, p);
        TensorPrimitives.Add(p, ErfcConstant, p);
        TensorPrimitives.Multiply(z, z, z);
        TensorPrimitives.Subtract(p, z, p);
        TensorPrimitives.Exp(p, p);
        TensorPrimitives.Multiply(t, 0.5, halfErfc);
        TensorPrimitives.Multiply(halfErfc, p, halfErfc);
    }
}
