using MLExtensions.Engine.Kernels;

namespace MLExtensions.Engine.Tests.Kernels;

public class MatrixKernelsTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(32, 300, 300)]
    [InlineData(7, 10, 13)]
    [InlineData(129, 33, 40)]
    public void ColumnSumsMatchNaiveLoop(int rows, int columns, int stride)
    {
        float[] matrix = GemmTestData.Random(rows * stride, rows + columns);
        float[] initial = GemmTestData.Random(columns + 2, 5);
        foreach (bool accumulate in new[] { false, true })
        {
            float[] sums = (float[])initial.Clone();
            MatrixKernels.ColumnSums(matrix, rows, columns, stride, sums, accumulate);
            for (int j = 0; j < columns; j++)
            {
                double expected = accumulate ? initial[j] : 0;
                for (int i = 0; i < rows; i++)
                {
                    expected += matrix[i * stride + j];
                }
                Assert.Equal(expected, sums[j], 1e-4);
            }
            Assert.Equal(initial[columns], sums[columns]); // Past the columns nothing is touched.
        }
    }

    [Fact]
    public void ColumnSumsOfNoRowsIsZeroOrUnchanged()
    {
        float[] sums = [1, 2];
        MatrixKernels.ColumnSums([], 0, 2, 2, sums, accumulate: true);
        Assert.Equal([1f, 2], sums);
        MatrixKernels.ColumnSums([], 0, 2, 2, sums, accumulate: false);
        Assert.Equal([0f, 0], sums);
    }

    [Fact]
    public void ColumnSumsValidatesArguments()
    {
        Assert.Equal("stride", Assert.Throws<ArgumentOutOfRangeException>(() =>
            MatrixKernels.ColumnSums(new float[8], 2, 4, 3, new float[4], false)).ParamName);
        Assert.Equal("matrix", Assert.Throws<ArgumentException>(() =>
            MatrixKernels.ColumnSums(new float[7], 2, 4, 4, new float[4], false)).ParamName);
        Assert.Equal("sums", Assert.Throws<ArgumentException>(() =>
            MatrixKernels.ColumnSums(new float[8], 2, 4, 4, new float[3], false)).ParamName);
    }

}
