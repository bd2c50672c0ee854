using System.Numerics.Tensors;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>
/// A random orthogonal matrix times <see cref="Gain"/> (Saxe et al. 2014), as Keras builds it: orthonormalize a
/// Gaussian matrix with the sign convention of a QR factorization whose R has a positive diagonal, which makes
/// the result uniformly (Haar) distributed. A tall or square [fanIn × fanOut] gets orthonormal columns
/// (WᵀW = gain²·I); a wide one orthonormal rows (WWᵀ = gain²·I). Only a full matrix can be orthogonal, so the
/// span must hold exactly fanIn·fanOut values.
/// </summary>
public sealed class Orthogonal : Initializer
{
    internal const string GainParameter = "gain";

    /// <summary>An orthogonal initializer scaled by <paramref name="gain"/>.</summary>
    /// <param name="gain">The factor on the orthonormal matrix; any finite number, default 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gain"/> is NaN or infinite.</exception>
    public Orthogonal(double gain = 1)
    {
        Gain = Finite(gain, nameof(gain), "gain");
    }

    /// <summary>The factor on the orthonormal matrix; carried by <see cref="GetConfig"/> as <c>gain</c>.</summary>
    public double Gain { get; }

    /// <inheritdoc/>
    public override string Name => "orthogonal";

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => new(Name, [new(GainParameter, Gain)]);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="weights"/> does not hold exactly fanIn·fanOut values.</exception>
    public override void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        CheckArguments(weights, fanIn, fanOut, random);
        if (weights.Length != (long)fanIn * fanOut)
            throw new ArgumentException(
                $"An orthogonal initialization needs the whole {fanIn} × {fanOut} matrix; got {weights.Length} values.", nameof(weights));

        // The k orthonormal vectors of length m, stored one after another; they become the columns of a tall
        // matrix or the rows of a wide one.
        int m = Math.Max(fanIn, fanOut), k = Math.Min(fanIn, fanOut);
        var q = new double[(long)m * k];
        for (int j = 0; j < k; j++)
            OrthonormalizeNew(q, m, j, random);

        bool tall = fanIn >= fanOut;
        for (int i = 0; i < fanIn; i++)
            for (int j = 0; j < fanOut; j++)
                weights[i * fanOut + j] = (float)(Gain * (tall ? q[(long)j * m + i] : q[(long)i * m + j]));
    }

    /// <summary>
    /// Draws vector j and makes it orthonormal to vectors 0..j−1 by modified Gram–Schmidt, run twice because a
    /// single pass loses orthogonality in proportion to the condition number ("twice is enough").
    /// </summary>
    private static void OrthonormalizeNew(double[] q, int m, int j, RandomSource random)
    {
        var v = q.AsSpan(j * m, m);
        while (true)
        {
            for (int i = 0; i < m; i++)
                v[i] = random.NextGaussian();
            double initialNorm = TensorPrimitives.Norm<double>(v);
            for (int pass = 0; pass < 2; pass++)
                for (int p = 0; p < j; p++)
                {
                    var u = q.AsSpan(p * m, m);
                    TensorPrimitives.MultiplyAdd(u, -TensorPrimitives.Dot<double>(u, v), v, v);
                }
            double norm = TensorPrimitives.Norm<double>(v);
            // A Gaussian vector lies almost surely outside the span of j < m others; redraw in the
            // measure-zero event that it (numerically) does not.
            if (norm > 1e-6 * initialNorm)
            {
                TensorPrimitives.Multiply(v, 1 / norm, v);
                return;
            }
        }
    }
}
