using System.Buffers;
using System.Numerics.Tensors;

namespace MLExtensions.Engine.Regularization;

/// <summary>
/// Max-norm constraint on a dense kernel stored row-major as [fanIn × units]: after an update, every
/// unit's incoming weight vector (one column) whose L2 norm exceeds the bound is rescaled onto it.
/// </summary>
/// <remarks>
/// Like Keras <c>MaxNorm</c> on axis 0, except that columns within the bound are left bit-for-bit
/// untouched and clipped columns land on the bound itself (Keras divides by <c>norm + 1e-7</c>, nudging
/// every column). The kernel is walked row by row, contiguous in memory, accumulating each column's Σw²
/// in a per-unit float buffer: sequential float sums over a column of fanIn elements err by at most
/// about fanIn·2⁻²⁴ relative, far below what the constraint distinguishes.
/// </remarks>
public static class MaxNorm
{
    private const int StackLimit = 256;

    /// <summary>
    /// Applies the constraint with <paramref name="scratch"/> (at least <paramref name="units"/> floats,
    /// overwritten) as workspace, so it never allocates.
    /// </summary>
    public static void Apply(Span<float> weights, int fanIn, int units, float maxNorm, Span<float> scratch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fanIn);
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        if ((long)fanIn * units != weights.Length)
            throw new ArgumentException(
                $"A [{fanIn} × {units}] kernel has {(long)fanIn * units} weights, but the span has {weights.Length}.", nameof(weights));
        if (!(maxNorm > 0f) || !float.IsFinite(maxNorm))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "Must be positive and finite.");
        if (scratch.Length < units)
            throw new ArgumentException($"The scratch span needs at least {units} elements (one per unit), not {scratch.Length}.", nameof(scratch));

        var columnScale = scratch[..units];
        columnScale.Clear();
        for (int row = 0; row < fanIn; row++)
        {
            var values = weights.Slice(row * units, units);
            TensorPrimitives.MultiplyAdd(values, values, columnScale, columnScale);
        }

        // Turn each column's Σw² into the factor its column is multiplied by.
        bool anyOver = false;
        for (int unit = 0; unit < units; unit++)
        {
            double sumOfSquares = columnScale[unit];
            // Float squares overflow for |w| > ~1.8e19; redo such a column exactly rather than scale it to 0.
            if (float.IsPositiveInfinity(columnScale[unit]))
                sumOfSquares = ColumnSumOfSquares(weights, fanIn, units, unit);
            double norm = Math.Sqrt(sumOfSquares);
            // NaN and ∞ columns (NaN or ∞ weights) are left for the caller's divergence check to find.
            if (norm > maxNorm && !double.IsInfinity(norm))
            {
                columnScale[unit] = (float)(maxNorm / norm);
                anyOver = true;
            }
            else
            {
                columnScale[unit] = 1f;
            }
        }

        if (!anyOver)
            return;
        for (int row = 0; row < fanIn; row++)
        {
            var values = weights.Slice(row * units, units);
            TensorPrimitives.Multiply(values, columnScale, values);
        }
    }

    /// <summary>
    /// Applies the constraint with workspace from the stack or, for wide layers, from the shared array pool
    /// (amortized allocation-free).
    /// </summary>
    public static void Apply(Span<float> weights, int fanIn, int units, float maxNorm)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        if (units <= StackLimit)
        {
            Apply(weights, fanIn, units, maxNorm, stackalloc float[units]);
            return;
        }
        float[] rented = ArrayPool<float>.Shared.Rent(units);
        try
        {
            Apply(weights, fanIn, units, maxNorm, rented);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static double ColumnSumOfSquares(ReadOnlySpan<float> weights, int fanIn, int units, int unit)
    {
        double sum = 0.0;
        for (int row = 0; row < fanIn; row++)
        {
            double value = weights[row * units + unit];
            sum += value * value;
        }
        return sum;
    }
}
