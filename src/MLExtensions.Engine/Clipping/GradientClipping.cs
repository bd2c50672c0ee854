using System.Numerics.Tensors;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Clipping;

/// <summary>
/// Gradient clipping in place, as Keras's <c>clipvalue</c>, <c>clipnorm</c> and <c>global_clipnorm</c>.
/// </summary>
/// <remarks>
/// Non-finite gradients are reported, never laundered: the norm methods return NaN or ∞ and leave such a
/// span unchanged (scaling by maxNorm/∞ would zero the finite entries and make the ∞ ones NaN), and
/// <see cref="ClipByValue"/> keeps NaN as NaN and returns false. The caller decides whether to skip the
/// step or stop. Norms are accumulated in double; no method allocates.
/// </remarks>
public static class GradientClipping
{
    /// <summary>
    /// Clamps every element to [−<paramref name="limit"/>, <paramref name="limit"/>]. Returns false when an
    /// element was NaN or ±∞ before clipping (NaN stays NaN; ±∞ becomes ±limit, as in Keras).
    /// </summary>
    public static bool ClipByValue(Span<float> gradients, float limit)
    {
        CheckBound(limit, nameof(limit));
        // Checked first because clamping turns ±∞ into finite values. IsFiniteAll is false for an empty span.
        bool allFinite = gradients.IsEmpty || TensorPrimitives.IsFiniteAll<float>(gradients);
        TensorPrimitives.Clamp<float>(gradients, -limit, limit, gradients);
        return allFinite;
    }

    /// <summary>L2 norm of <paramref name="gradients"/>, accumulated in double.</summary>
    public static double Norm(ReadOnlySpan<float> gradients) => Math.Sqrt(DoubleSums.SumOfSquares(gradients));

    /// <summary>
    /// Rescales <paramref name="gradients"/> (typically one layer's slice) to L2 norm <paramref name="maxNorm"/>
    /// when its norm exceeds it. Returns the norm before clipping; NaN or ∞ leaves the span unchanged.
    /// </summary>
    public static double ClipByNorm(Span<float> gradients, float maxNorm)
    {
        CheckBound(maxNorm, nameof(maxNorm));
        double norm = Norm(gradients);
        ScaleDown(gradients, norm, maxNorm);
        return norm;
    }

    /// <summary>
    /// Rescales the whole gradient buffer so its joint L2 norm is at most <paramref name="maxNorm"/>: unlike
    /// per-layer clipping, this keeps the gradient's direction. Returns the norm before clipping; NaN or ∞
    /// leaves the buffer unchanged.
    /// </summary>
    public static double ClipByGlobalNorm(Span<float> gradients, float maxNorm) => ClipByNorm(gradients, maxNorm);

    /// <summary>
    /// The joint L2 norm of several slices of <paramref name="buffer"/> (for example, only some layers'
    /// gradients). The slices must be in ascending order and must not overlap, so nothing is counted twice.
    /// </summary>
    public static double GlobalNorm(ReadOnlySpan<float> buffer, ReadOnlySpan<Range> slices)
    {
        CheckSlices(buffer.Length, slices);
        double sum = 0.0;
        foreach (var slice in slices)
            sum += DoubleSums.SumOfSquares(buffer[slice]);
        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Rescales the given slices of <paramref name="buffer"/> by one common factor so their joint L2 norm is at
    /// most <paramref name="maxNorm"/>; the rest of the buffer is not touched. Returns the joint norm before
    /// clipping; NaN or ∞ leaves everything unchanged.
    /// </summary>
    public static double ClipByGlobalNorm(Span<float> buffer, ReadOnlySpan<Range> slices, float maxNorm)
    {
        CheckBound(maxNorm, nameof(maxNorm));
        double norm = GlobalNorm(buffer, slices);
        foreach (var slice in slices)
            ScaleDown(buffer[slice], norm, maxNorm);
        return norm;
    }

    private static void ScaleDown(Span<float> values, double norm, float maxNorm)
    {
        // Not `norm <= maxNorm`: NaN must also leave the values alone.
        if (!(norm > maxNorm) || double.IsInfinity(norm))
            return;
        TensorPrimitives.Multiply(values, (float)(maxNorm / norm), values);
    }

    private static void CheckBound(float value, string name)
    {
        if (!(value > 0f) || !float.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, "Must be positive and finite.");
    }

    private static void CheckSlices(int length, ReadOnlySpan<Range> slices)
    {
        int end = 0;
        for (int k = 0; k < slices.Length; k++)
        {
            var (offset, count) = slices[k].GetOffsetAndLength(length);
            if (offset < end)
                throw new ArgumentException(
                    $"slices[{k}] starts at {offset}, inside or before the previous slice (which ends at {end}); slices must be ascending and disjoint.",
                    nameof(slices));
            end = offset + count;
        }
    }
}
