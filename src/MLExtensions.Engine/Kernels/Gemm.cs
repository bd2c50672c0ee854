using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using MLExtensions.Engine.Parallelism;

namespace MLExtensions.Engine.Kernels;

/// <summary>
/// Single-precision general matrix multiply, C = alpha·op(A)·op(B) + beta·C, on row-major matrices.
/// </summary>
/// <remarks>
/// Goto/BLIS-style: k is cut into blocks, blocks of A and B are packed into micro-kernel order (which also
/// absorbs transposition), and a register-blocked AVX-512, AVX2 or portable micro-kernel computes MR×NR tiles.
/// With a <see cref="WorkerPool"/> the tiles of C are shared among threads; k is never split, so results are
/// bitwise identical for every thread count. After the first call of the largest shape on a thread, calls
/// allocate nothing.
/// </remarks>
public static class Gemm
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C. When beta is 0, C is overwritten (NaNs in it are ignored).</summary>
    /// <param name="transposeA">Whether op(A) is A as stored or its transpose.</param>
    /// <param name="transposeB">Whether op(B) is B as stored or its transpose.</param>
    /// <param name="m">Rows of op(A) and of C; zero or more.</param>
    /// <param name="n">Columns of op(B) and of C; zero or more.</param>
    /// <param name="k">Columns of op(A) and rows of op(B); zero or more (0 leaves beta·C).</param>
    /// <param name="alpha">The product's scale.</param>
    /// <param name="a">A, row-major with row stride <paramref name="lda"/>.</param>
    /// <param name="lda">Row stride of A as stored: at least k, or at least m when A is transposed.</param>
    /// <param name="b">B, row-major with row stride <paramref name="ldb"/>.</param>
    /// <param name="ldb">Row stride of B as stored: at least n, or at least k when B is transposed.</param>
    /// <param name="beta">The scale of C's current values; 0 ignores them.</param>
    /// <param name="c">C, row-major with row stride <paramref name="ldc"/>; must not overlap A or B.</param>
    /// <param name="ldc">Row stride of C: at least n.</param>
    /// <param name="pool">Threads to use; null runs on the calling thread.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, a stride is too small, or a
    /// <see cref="Transpose"/> value is undefined.</exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix, or C overlaps A or B.</exception>
    public static void Multiply(Transpose transposeA, Transpose transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        WorkerPool? pool = null) =>
        Multiply(GemmInstructionSet.Auto, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc,
            default, hasBias: false, pool);

    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C + 1·rowBiasᵀ: <paramref name="rowBias"/> (length n) is added to every row
    /// of C while each tile is still in registers — a dense layer's forward pass Y = X·W + b in one sweep.
    /// </summary>
    /// <param name="transposeA">Whether op(A) is A as stored or its transpose.</param>
    /// <param name="transposeB">Whether op(B) is B as stored or its transpose.</param>
    /// <param name="m">Rows of op(A) and of C; zero or more.</param>
    /// <param name="n">Columns of op(B) and of C; zero or more.</param>
    /// <param name="k">Columns of op(A) and rows of op(B); zero or more (0 leaves beta·C plus the bias).</param>
    /// <param name="alpha">The product's scale.</param>
    /// <param name="a">A, row-major with row stride <paramref name="lda"/>.</param>
    /// <param name="lda">Row stride of A as stored: at least k, or at least m when A is transposed.</param>
    /// <param name="b">B, row-major with row stride <paramref name="ldb"/>.</param>
    /// <param name="ldb">Row stride of B as stored: at least n, or at least k when B is transposed.</param>
    /// <param name="beta">The scale of C's current values; 0 ignores them.</param>
    /// <param name="c">C, row-major with row stride <paramref name="ldc"/>; must not overlap A or B.</param>
    /// <param name="ldc">Row stride of C: at least n.</param>
    /// <param name="rowBias">The bias added to every row of C; exactly n values.</param>
    /// <param name="pool">Threads to use; null runs on the calling thread.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, a stride is too small, or a
    /// <see cref="Transpose"/> value is undefined.</exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix, C overlaps A or B, or
    /// <paramref name="rowBias"/> does not hold n values.</exception>
    public static void Multiply(Transpose transposeA, Transpose transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        ReadOnlySpan<float> rowBias, WorkerPool? pool = null) =>
        Multiply(GemmInstructionSet.Auto, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc,
            rowBias, hasBias: true, pool);

    /// <summary>The micro-kernel family <see cref="GemmInstructionSet.Auto"/> picks on this CPU.</summary>
    internal static GemmInstructionSet BestInstructionSet { get; } =
        GemmKernelAvx512.IsSupported ? GemmInstructionSet.Avx512
        : GemmKernelAvx2.IsSupported ? GemmInstructionSet.Avx2
        : GemmInstructionSet.Portable;

    internal static bool IsSupported(GemmInstructionSet instructionSet) => instructionSet switch
    {
        GemmInstructionSet.Auto or GemmInstructionSet.Portable => true,
        GemmInstructionSet.Avx512 => GemmKernelAvx512.IsSupported,
        GemmInstructionSet.Avx2 => GemmKernelAvx2.IsSupported,
        _ => false,
    };

    /// <summary>The full entry point, with the micro-kernel family chosen by the caller (tests force each one).</summary>
    internal static unsafe void Multiply(GemmInstructionSet instructionSet, Transpose transposeA, Transpose transposeB,
        int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, ReadOnlySpan<float> rowBias, bool hasBias, WorkerPool? pool,
        IGemmBlockFinished? blockFinished = null)
    {
        GemmArguments.Validate(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc);
        if (hasBias)
        {
            GemmArguments.ValidateBias(rowBias, n);
        }
        if (!IsSupported(instructionSet))
        {
            throw new PlatformNotSupportedException($"This CPU does not support the {instructionSet} GEMM kernels.");
        }
        if (instructionSet == GemmInstructionSet.Auto)
        {
            instructionSet = BestInstructionSet;
        }
        if (m == 0 || n == 0)
        {
            return;
        }
        if (k == 0 || alpha == 0f)
        {
            ScaleAndAddBias(m, n, beta, c, ldc, hasBias ? rowBias : default);
            blockFinished?.BlockFinished(0, m, 0, n);
            return;
        }

        fixed (float* pa = &MemoryMarshal.GetReference(a))
        fixed (float* pb = &MemoryMarshal.GetReference(b))
        fixed (float* pc = &MemoryMarshal.GetReference(c))
        fixed (float* pbias = &MemoryMarshal.GetReference(rowBias))
        {
            bool ta = transposeA == Transpose.Transposed, tb = transposeB == Transpose.Transposed;
            GemmWork work = GemmWork.Rent();
            try
            {
                work.InstructionSet = instructionSet;
                work.Pool = pool is { ThreadCount: > 1 } ? pool : null;
                work.Problem = new GemmProblem
                {
                    M = m, N = n, K = k, Alpha = alpha, Beta = beta,
                    A = pa, B = pb, C = pc, Bias = hasBias ? pbias : null, Ldc = ldc,
                    ARowStride = ta ? 1 : lda, AStepStride = ta ? lda : 1,
                    BStepStride = tb ? 1 : ldb, BColumnStride = tb ? ldb : 1,
                    BlockFinished = blockFinished,
                };
                switch (instructionSet)
                {
                    case GemmInstructionSet.Avx512:
                        GemmDriver<GemmKernelAvx512>.Multiply(work);
                        break;
                    case GemmInstructionSet.Avx2:
                        GemmDriver<GemmKernelAvx2>.Multiply(work);
                        break;
                    default:
                        GemmDriver<GemmKernelPortable>.Multiply(work);
                        break;
                }
            }
            finally
            {
                work.Return();
            }
        }
    }

    // The product vanishes: only the beta and bias terms remain.
    private static void ScaleAndAddBias(int m, int n, float beta, Span<float> c, int ldc, ReadOnlySpan<float> rowBias)
    {
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * ldc, n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else if (beta != 1f)
            {
                TensorPrimitives.Multiply(row, beta, row);
            }
            if (!rowBias.IsEmpty)
            {
                TensorPrimitives.Add(row, rowBias, row);
            }
        }
    }
}
