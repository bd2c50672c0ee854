using MLExtensions.Engine.Kernels;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Tests.Support;

namespace MLExtensions.Engine.Tests.Kernels;

public class GemmDeterminismTests
{
    // Shapes that take each partitioning route: column split (m ≤ n), row split over a cooperatively packed
    // B (m > n), several k blocks, and edge tiles on both axes.
    public static TheoryData<int, int, int, Transpose, Transpose> Shapes() => new()
    {
        { 32, 300, 784, Transpose.None, Transpose.None },
        { 37, 301, 513, Transpose.Transposed, Transpose.None },
        { 300, 61, 600, Transpose.None, Transpose.Transposed },
        { 785, 100, 33, Transpose.Transposed, Transpose.Transposed },
        { 131, 130, 257, Transpose.None, Transpose.None },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ResultsAreBitwiseIdenticalForOneTwoAndThreeThreads(int m, int n, int k, Transpose ta, Transpose tb)
    {
        (int aRows, int aCols) = GemmTestData.Stored(ta, m, k);
        (int bRows, int bCols) = GemmTestData.Stored(tb, k, n);
        float[] a = GemmTestData.Random(aRows * aCols, 21);
        float[] b = GemmTestData.Random(bRows * bCols, 22);
        float[] c0 = GemmTestData.Random(m * n, 23);
        float[] bias = GemmTestData.Random(n, 24);

        float[]? first = null;
        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var pool = new WorkerPool(threads);
            float[] c = (float[])c0.Clone();
            Gemm.Multiply(ta, tb, m, n, k, 0.75f, a, aCols, b, bCols, 0.5f, c, n, bias, pool);
            if (first is null)
            {
                first = c;
                continue;
            }
            for (int i = 0; i < c.Length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(first[i]) == BitConverter.SingleToInt32Bits(c[i]),
                    $"{threads} threads: element {i} differs ({first[i]:R} vs {c[i]:R}).");
            }
        }
    }

    [InstructionSetFact("Avx512", "Avx2")]
    public void Avx512AndAvx2KernelsAgreeBitwise()
    {
        // Both accumulate one FMA per k step from zero and share the epilogue; only the tile shape differs.
        const int m = 45, n = 70, k = 300;
        float[] a = GemmTestData.Random(m * k, 31), b = GemmTestData.Random(k * n, 32), bias = GemmTestData.Random(n, 33);
        float[] c512 = GemmTestData.Random(m * n, 34), c2 = (float[])c512.Clone();
        Gemm.Multiply(GemmInstructionSet.Avx512, Transpose.None, Transpose.None, m, n, k, -0.5f, a, k, b, n, 1f, c512, n, bias, true, null);
        Gemm.Multiply(GemmInstructionSet.Avx2, Transpose.None, Transpose.None, m, n, k, -0.5f, a, k, b, n, 1f, c2, n, bias, true, null);
        Assert.Equal(c512, c2);
    }

    [Fact]
    public void SingleThreadedCallsAllocateNothingInSteadyState()
    {
        float[] a = GemmTestData.Random(64 * 300, 1), b = GemmTestData.Random(300 * 100, 2), c = new float[64 * 100];
        float[] bias = new float[100];
        void Both()
        {
            Gemm.Multiply(Transpose.None, Transpose.None, 64, 100, 300, 1f, a, 300, b, 100, 0f, c, 100, bias);
            Gemm.Multiply(Transpose.Transposed, Transpose.None, 300, 100, 64, 1f, a, 300, c, 100, 0f, b, 100);
        }
        Assert.Equal(0, Allocations.InSteadyState(Both));
    }
}
