namespace MLExtensions.Engine.Kernels;

/// <summary>
/// The obvious triple loop with double accumulation: slow but independent of every trick in <see cref="Gemm"/>,
/// so tests can compare against it.
/// </summary>
internal static class GemmReference
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C with the same conventions as <see cref="Gemm.Multiply(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, Parallelism.WorkerPool?)"/>.</summary>
    public static void Multiply(Transpose transposeA, Transpose transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc);
        bool ta = transposeA == Transpose.Transposed, tb = transposeB == Transpose.Transposed;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = ta ? a[p * lda + i] : a[i * lda + p];
                    float bv = tb ? b[j * ldb + p] : b[p * ldb + j];
                    sum += (double)av * bv;
                }
                double result = alpha * sum;
                if (beta != 0f)
                {
                    result += (double)beta * c[i * ldc + j];
                }
                c[i * ldc + j] = (float)result;
            }
        }
    }
}
