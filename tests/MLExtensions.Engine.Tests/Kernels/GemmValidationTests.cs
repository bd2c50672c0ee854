using MLExtensions.Engine.Kernels;

namespace MLExtensions.Engine.Tests.Kernels;

public class GemmValidationTests
{
    private static readonly float[] A = new float[6], B = new float[12], C = new float[8];

    [Fact]
    public void NegativeDimensionsAreRejected()
    {
        Assert.Equal("m", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(Transpose.None, Transpose.None, -1, 4, 3, 1f, A, 3, B, 4, 0f, C, 4)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(Transpose.None, Transpose.None, 2, 4, -3, 1f, A, 3, B, 4, 0f, C, 4)).ParamName);
    }

    [Fact]
    public void StridesShorterThanTheStoredRowAreRejected()
    {
        var lda = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(Transpose.None, Transpose.None, 2, 4, 3, 1f, A, 2, B, 4, 0f, C, 4));
        Assert.Equal("lda", lda.ParamName);
        Assert.Contains("at least 3", lda.Message);

        // Transposed A is stored k×m = 3×2, so lda ≥ 2 suffices but lda ≥ 3 is not required.
        Gemm.Multiply(Transpose.Transposed, Transpose.None, 2, 4, 3, 1f, A, 2, B, 4, 0f, C, 4);
        Assert.Equal("ldb", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(Transpose.None, Transpose.Transposed, 2, 4, 3, 1f, A, 3, B, 2, 0f, C, 4)).ParamName);
        Assert.Equal("ldc", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(Transpose.None, Transpose.None, 2, 4, 3, 1f, A, 3, B, 4, 0f, C, 3)).ParamName);
    }

    [Fact]
    public void ShortSpansAreRejected()
    {
        var a = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(Transpose.None, Transpose.None, 2, 4, 3, 1f, A.AsSpan(0, 5), 3, B, 4, 0f, C, 4));
        Assert.Equal("a", a.ParamName);
        Assert.Contains("needs 6 elements, got 5", a.Message);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(Transpose.None, Transpose.None, 2, 4, 3, 1f, A, 3, B.AsSpan(0, 11), 4, 0f, C, 4)).ParamName);
        // With ldc = 5 the last row still needs only 4 elements: 5 + 4 = 9 > 8.
        Assert.Equal("c", Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(Transpose.None, Transpose.None, 2, 4, 3, 1f, A, 3, B, 4, 0f, C, 5)).ParamName);
        Assert.Equal("rowBias", Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(Transpose.None, Transpose.None, 2, 4, 3, 1f, A, 3, B, 4, 0f, C, 4, new float[3])).ParamName);
    }

    [Fact]
    public void OverlappingOutputIsRejected()
    {
        float[] shared = new float[64];
        var ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(Transpose.None, Transpose.None, 2, 2, 2, 1f, shared.AsSpan(0, 4), 2, shared.AsSpan(8, 4), 2, 0f,
                shared.AsSpan(2, 4), 2));
        Assert.Equal("c", ex.ParamName);
    }

    [Fact]
    public void ReferenceValidatesTheSameWay()
    {
        Assert.Equal("lda", Assert.Throws<ArgumentOutOfRangeException>(() =>
            GemmReference.Multiply(Transpose.None, Transpose.None, 2, 4, 3, 1f, A, 2, B, 4, 0f, C, 4)).ParamName);
    }
}
