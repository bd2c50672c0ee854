using MLExtensions.Engine.Kernels;
using MLExtensions.Engine.Parallelism;

namespace MLExtensions.Engine.Tests.Kernels;

/// <summary>
/// A GEMM with a <see cref="IGemmBlockFinished"/> listener reports every element of C exactly once, and only once it is
/// final: at the moment of the report the block already holds the bits the whole product ends with (the product without
/// a listener is the reference). A trainer updates the weights of a reported block at once, so a block reported early
/// would be updated from a partial gradient.
/// </summary>
public class GemmBlockFinishedTests
{
    // The partitioning routes of GemmDeterminismTests (column split, row split over a shared B, several k blocks, the tall
    // whole-k task on one thread) plus the weight-gradient shapes of the reference network.
    public static TheoryData<int, int, int, Transpose, Transpose, int> Shapes() => new()
    {
        { 32, 300, 784, Transpose.None, Transpose.None, 1 },
        { 32, 300, 784, Transpose.None, Transpose.None, 2 },
        { 37, 301, 513, Transpose.Transposed, Transpose.None, 2 },
        { 300, 61, 600, Transpose.None, Transpose.Transposed, 3 },
        { 785, 100, 33, Transpose.Transposed, Transpose.Transposed, 2 },
        { 784, 300, 128, Transpose.Transposed, Transpose.None, 1 },
        { 784, 300, 128, Transpose.Transposed, Transpose.None, 2 },
        { 131, 130, 1100, Transpose.None, Transpose.None, 1 },
        // One row sliver: the only product a listener still sees split by columns.
        { 8, 520, 128, Transpose.Transposed, Transpose.None, 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryElementIsReportedOnceAndOnlyWhenFinal(int m, int n, int k, Transpose ta, Transpose tb, int threads)
    {
        (int aRows, int aCols) = GemmTestData.Stored(ta, m, k);
        (int bRows, int bCols) = GemmTestData.Stored(tb, k, n);
        float[] a = GemmTestData.Random(aRows * aCols, 41);
        float[] b = GemmTestData.Random(bRows * bCols, 42);
        float[] c0 = GemmTestData.Random(m * n, 43);
        float[] expected = (float[])c0.Clone();
        Gemm.Multiply(ta, tb, m, n, k, 0.75f, a, aCols, b, bCols, 0.5f, expected, n);

        using var pool = new WorkerPool(threads);
        float[] c = (float[])c0.Clone();
        var listener = new Recorder(c, expected, n);
        Gemm.Multiply(GemmInstructionSet.Auto, ta, tb, m, n, k, 0.75f, a, aCols, b, bCols, 0.5f, c, n, default, hasBias: false,
            pool, listener);

        Assert.Equal(0, listener.EarlyReports);
        Assert.All(listener.Reports, count => Assert.Equal(1, count));
        // The listener adds 1 to every element it is given, as a trainer adds penalty gradients: a product that wrote a
        // block again after reporting it would have lost the addition.
        Assert.Equal(expected.Select(value => value + 1f), c);
    }

    [Fact]
    public void AProductOfNoStepsReportsAllOfC()
    {
        float[] c = [1f, 2f, 3f, 4f, 5f, 6f];
        float[] expected = [2f, 4f, 6f, 8f, 10f, 12f];
        var listener = new Recorder(c, expected, 3);
        Gemm.Multiply(GemmInstructionSet.Auto, Transpose.None, Transpose.None, 2, 3, 0, 1f, [], 1, [], 3, 2f, c, 3, default,
            hasBias: false, null, listener);
        Assert.Equal(0, listener.EarlyReports);
        Assert.All(listener.Reports, count => Assert.Equal(1, count));
    }

    /// <summary>
    /// Counts the reports of each element and whether its bits were final when reported, then adds 1 to it; safe on several
    /// threads, since each element is given to one of them.
    /// </summary>
    private sealed class Recorder(float[] c, float[] expected, int ldc) : IGemmBlockFinished
    {
        public int[] Reports { get; } = new int[expected.Length];

        private int _earlyReports;

        public int EarlyReports => _earlyReports;

        public void BlockFinished(int firstRow, int rows, int firstColumn, int columns)
        {
            for (int i = firstRow; i < firstRow + rows; i++)
            {
                for (int j = firstColumn; j < firstColumn + columns; j++)
                {
                    Interlocked.Increment(ref Reports[i * ldc + j]);
                    if (BitConverter.SingleToInt32Bits(c[i * ldc + j]) != BitConverter.SingleToInt32Bits(expected[i * ldc + j]))
                        Interlocked.Increment(ref _earlyReports);
                    c[i * ldc + j] += 1f;
                }
            }
        }
    }
}
