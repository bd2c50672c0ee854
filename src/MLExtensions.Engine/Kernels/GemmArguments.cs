namespace MLExtensions.Engine.Kernels;

/// <summary>Argument checks shared by <see cref="Gemm"/> and <see cref="GemmReference"/>.</summary>
internal static class GemmArguments
{
    public static void Validate(Transpose transposeA, Transpose transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, ReadOnlySpan<float> c, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckTranspose(transposeA, nameof(transposeA));
        CheckTranspose(transposeB, nameof(transposeB));

        // Stored shapes: A is m×k (or k×m when transposed), B is k×n (or n×k), C is m×n.
        bool ta = transposeA == Transpose.Transposed, tb = transposeB == Transpose.Transposed;
        CheckMatrix(a, nameof(a), lda, nameof(lda), ta ? k : m, ta ? m : k, "A", ta);
        CheckMatrix(b, nameof(b), ldb, nameof(ldb), tb ? n : k, tb ? k : n, "B", tb);
        CheckMatrix(c, nameof(c), ldc, nameof(ldc), m, n, "C", transposed: false);

        // Writing C while reading A or B would change inputs halfway through the product.
        ReadOnlySpan<float> usedC = c[..RequiredLength(m, n, ldc)];
        if (usedC.Overlaps(a[..RequiredLength(ta ? k : m, ta ? m : k, lda)]))
        {
            throw new ArgumentException("c must not overlap a.", nameof(c));
        }
        if (usedC.Overlaps(b[..RequiredLength(tb ? n : k, tb ? k : n, ldb)]))
        {
            throw new ArgumentException("c must not overlap b.", nameof(c));
        }
    }

    public static void ValidateBias(ReadOnlySpan<float> rowBias, int n)
    {
        if (rowBias.Length != n)
        {
            throw new ArgumentException($"rowBias must hold one value per column of C: expected {n}, got {rowBias.Length}.",
                nameof(rowBias));
        }
    }

    public static int RequiredLength(int rows, int columns, int stride) =>
        rows == 0 || columns == 0 ? 0 : (int)Math.Min(int.MaxValue, (long)(rows - 1) * stride + columns);

    private static void CheckTranspose(Transpose value, string name)
    {
        if (value is not (Transpose.None or Transpose.Transposed))
        {
            throw new ArgumentOutOfRangeException(name, value, "Transpose must be None or Transposed.");
        }
    }

    private static void CheckMatrix(ReadOnlySpan<float> span, string spanName, int stride, string strideName,
        int rows, int columns, string matrix, bool transposed)
    {
        if (stride < Math.Max(1, columns))
        {
            string layout = transposed ? $"{matrix} is transposed, so it is stored as {rows}×{columns}" : $"{matrix} is stored as {rows}×{columns}";
            throw new ArgumentOutOfRangeException(strideName, stride,
                $"{strideName} must be at least {Math.Max(1, columns)}: {layout} (row-major).");
        }
        long required = rows == 0 || columns == 0 ? 0 : (long)(rows - 1) * stride + columns;
        if (span.Length < required)
        {
            throw new ArgumentException(
                $"{spanName} is too short: {matrix} stored as {rows}×{columns} with row stride {stride} needs {required} elements, got {span.Length}.",
                spanName);
        }
    }
}
