using MLExtensions.Engine.Kernels;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Tests.Support;

namespace MLExtensions.Engine.Tests.Kernels;

public class GemmCorrectnessTests
{
    // Primes and off-by-one sizes around the AVX-512 (8×32), AVX2 (6×16) and portable tiles, plus shapes
    // larger than a k block (256) and an A block (128 rows) so every edge of the blocking is crossed.
    private static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (1, 7, 3), (5, 1, 9), (2, 3, 5), (7, 11, 13), (8, 32, 16), (9, 33, 17), (6, 16, 8),
        (17, 31, 29), (23, 47, 2), (37, 41, 43), (53, 67, 61), (64, 64, 64), (70, 69, 71), (13, 70, 1),
        (37, 301, 513), (131, 45, 259), (300, 20, 33),
        // Several A blocks (the last one partial) each walking three k blocks of a B packed whole up front.
        (260, 50, 520),
    ];

    // The kernel family travels as its name: test methods are public and the enum is internal.
    [Theory]
    [InstructionSetData("Avx512", Transpose.None, Transpose.None)]
    [InstructionSetData("Avx512", Transpose.None, Transpose.Transposed)]
    [InstructionSetData("Avx512", Transpose.Transposed, Transpose.None)]
    [InstructionSetData("Avx512", Transpose.Transposed, Transpose.Transposed)]
    [InstructionSetData("Avx2", Transpose.None, Transpose.None)]
    [InstructionSetData("Avx2", Transpose.None, Transpose.Transposed)]
    [InstructionSetData("Avx2", Transpose.Transposed, Transpose.None)]
    [InstructionSetData("Avx2", Transpose.Transposed, Transpose.Transposed)]
    [InstructionSetData("Portable", Transpose.None, Transpose.None)]
    [InstructionSetData("Portable", Transpose.None, Transpose.Transposed)]
    [InstructionSetData("Portable", Transpose.Transposed, Transpose.None)]
    [InstructionSetData("Portable", Transpose.Transposed, Transpose.Transposed)]
    public void MatchesReferenceOnOddShapesWithPaddedStrides(string family, Transpose ta, Transpose tb)
    {
        GemmInstructionSet isa = Enum.Parse<GemmInstructionSet>(family);
        int seed = 0;
        foreach ((int m, int n, int k) in Shapes)
        {
            // Alternate the (alpha, beta) case per shape so every combination meets small and large shapes.
            (float alpha, float beta) = (seed++ % 3) switch { 0 => (1f, 0f), 1 => (-0.5f, 1f), _ => (1.5f, -0.25f) };
            RunCase(isa, ta, tb, m, n, k, alpha, beta, padding: 3, seed, pool: null, bias: false);
        }
    }

    [Theory]
    [InstructionSetData("Avx512")]
    [InstructionSetData("Avx2")]
    [InstructionSetData("Portable")]
    public void BetaZeroOverwritesNaN(string family)
    {
        GemmInstructionSet isa = Enum.Parse<GemmInstructionSet>(family);
        foreach ((int m, int n, int k) in new[] { (9, 33, 17), (8, 32, 300), (3, 5, 2) })
        {
            float[] a = GemmTestData.Random(m * k, 1), b = GemmTestData.Random(k * n, 2);
            float[] c = Enumerable.Repeat(float.NaN, m * n).ToArray();
            float[] expected = new float[m * n];
            Gemm.Multiply(isa, Transpose.None, Transpose.None, m, n, k, 1f, a, k, b, n, 0f, c, n, default, false, null);
            GemmReference.Multiply(Transpose.None, Transpose.None, m, n, k, 1f, a, k, b, n, 0f, expected, n);
            GemmTestData.AssertClose(expected, c, m, n, n, 1e-4f, $"{isa} {m}x{n}x{k}");
        }
    }

    [Theory]
    [InstructionSetData("Avx512")]
    [InstructionSetData("Avx2")]
    [InstructionSetData("Portable")]
    public void BiasEpilogueAddsBiasToEveryRow(string family)
    {
        GemmInstructionSet isa = Enum.Parse<GemmInstructionSet>(family);
        using var pool = new WorkerPool(2);
        RunCase(isa, Transpose.None, Transpose.None, 37, 301, 513, 1f, 0f, padding: 0, seed: 7, pool, bias: true);
        RunCase(isa, Transpose.Transposed, Transpose.None, 33, 19, 7, -0.5f, 1f, padding: 2, seed: 8, pool: null, bias: true);
        RunCase(isa, Transpose.None, Transpose.Transposed, 140, 40, 300, 2f, 0.5f, padding: 1, seed: 9, pool, bias: true);
    }

    [Fact]
    public void ZeroKScalesCAndAddsBias()
    {
        float[] c = [1, 2, 3, 4, 5, 6];
        Gemm.Multiply(Transpose.None, Transpose.None, 2, 3, 0, 1f, [], 1, [], 3, 2f, c, 3);
        Assert.Equal([2f, 4, 6, 8, 10, 12], c);

        float[] nan = [float.NaN, float.NaN, float.NaN, float.NaN];
        Gemm.Multiply(Transpose.None, Transpose.None, 2, 2, 0, 1f, [], 1, [], 2, 0f, nan, 2, [10f, 20f]);
        Assert.Equal([10f, 20, 10, 20], nan);
    }

    [Fact]
    public void EmptyOutputIsANoOp()
    {
        float[] c = [42f];
        Gemm.Multiply(Transpose.None, Transpose.None, 0, 1, 5, 1f, [], 5, new float[5], 1, 0f, c, 1);
        Gemm.Multiply(Transpose.None, Transpose.None, 1, 0, 5, 1f, new float[5], 5, [], 1, 0f, c, 1);
        Assert.Equal(42f, c[0]);
    }

    [Fact]
    public void AutoPathMatchesReferenceWithPool()
    {
        using var pool = new WorkerPool(2);
        RunCase(GemmInstructionSet.Auto, Transpose.None, Transpose.None, 128, 300, 784, 1f, 0f, 0, 11, pool, bias: true);
        RunCase(GemmInstructionSet.Auto, Transpose.Transposed, Transpose.None, 784, 300, 32, 1f, 0f, 0, 12, pool, bias: false);
        RunCase(GemmInstructionSet.Auto, Transpose.None, Transpose.Transposed, 32, 784, 300, 1f, 0f, 0, 13, pool, bias: false);
    }

    internal static void RunCase(GemmInstructionSet isa, Transpose ta, Transpose tb, int m, int n, int k,
        float alpha, float beta, int padding, int seed, WorkerPool? pool, bool bias)
    {
        (int aRows, int aCols) = GemmTestData.Stored(ta, m, k);
        (int bRows, int bCols) = GemmTestData.Stored(tb, k, n);
        int lda = aCols + padding, ldb = bCols + padding + 1, ldc = n + padding;
        float[] a = GemmTestData.Random(aRows * lda, seed * 3 + 1);
        float[] b = GemmTestData.Random(bRows * ldb, seed * 3 + 2, 0.5f);
        float[] c = GemmTestData.Random(m * ldc, seed * 3 + 3);
        float[] rowBias = bias ? GemmTestData.Random(n, seed * 3 + 4) : [];
        float[] expected = (float[])c.Clone();

        Gemm.Multiply(isa, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, rowBias, bias, pool);
        GemmReference.Multiply(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, expected, ldc);
        if (bias)
        {
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    expected[i * ldc + j] += rowBias[j];
                }
            }
        }

        float scale = Math.Max(k, 1) * GemmTestData.MaxAbs(a) * GemmTestData.MaxAbs(b) * Math.Abs(alpha);
        float tolerance = 1e-5f * scale + 1e-6f * (1 + Math.Abs(beta) * GemmTestData.MaxAbs(c)) + (bias ? 1e-6f : 0f);
        GemmTestData.AssertClose(expected, c, m, n, ldc, tolerance, $"{isa} {ta}/{tb} {m}x{n}x{k} alpha={alpha} beta={beta}");
    }
}
