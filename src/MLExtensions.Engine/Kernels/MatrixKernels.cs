using System.Numerics.Tensors;

namespace MLExtensions.Engine.Kernels;

/// <summary>Small vectorized matrix helpers that sit next to GEMM in a dense layer's passes.</summary>
public static class MatrixKernels
{
    /// <summary>
    /// sums[j] = Σ_i matrix[i·stride + j] over <paramref name="rows"/> rows (the bias gradient of a dense layer),
    /// added to the existing sums when <paramref name="accumulate"/> is set. Rows are added in order, so the
    /// result is deterministic.
    /// </summary>
    /// <param name="matrix">The matrix, row-major with row stride <paramref name="stride"/>.</param>
    /// <param name="rows">Rows to sum; zero or more (none gives zeros, or leaves the sums when accumulating).</param>
    /// <param name="columns">Columns to sum; zero or more.</param>
    /// <param name="stride">Row stride of the matrix; at least <paramref name="columns"/> and at least 1.</param>
    /// <param name="sums">Receives the first <paramref name="columns"/> sums.</param>
    /// <param name="accumulate">Add to the existing sums rather than overwrite them.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or the stride is too small.</exception>
    /// <exception cref="ArgumentException"><paramref name="matrix"/> or <paramref name="sums"/> is too short.</exception>
    public static void ColumnSums(ReadOnlySpan<float> matrix, int rows, int columns, int stride, Span<float> sums,
        bool accumulate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (stride < Math.Max(1, columns))
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"stride must be at least {Math.Max(1, columns)} (the number of columns).");
        }
        int required = GemmArguments.RequiredLength(rows, columns, stride);
        if (matrix.Length < required)
        {
            throw new ArgumentException($"matrix is too short: {rows}×{columns} with stride {stride} needs {required} elements, got {matrix.Length}.", nameof(matrix));
        }
        if (sums.Length < columns)
        {
            throw new ArgumentException($"sums must hold at least {columns} elements, got {sums.Length}.", nameof(sums));
        }

        Span<float> target = sums[..columns];
        int i = 0;
        if (!accumulate)
        {
            if (rows == 0)
            {
                target.Clear();
                return;
            }
            matrix[..columns].CopyTo(target);
            i = 1;
        }
        for (; i < rows; i++)
        {
            TensorPrimitives.Add(target, matrix.Slice(i * stride, columns), target);
        }
    }
}
