using MLExtensions.Engine.Clipping;

namespace MLExtensions.Engine.Tests.Clipping;

/// <summary>
/// Against naive loops, for every length from 1 to 67 so that each vector width's body and scalar tail
/// are exercised.
/// </summary>
public class GradientClippingTests
{
    public static IEnumerable<object[]> Lengths => Enumerable.Range(1, 67).Select(n => new object[] { n });

    private static float[] RandomGradients(int length, int seed, double scale = 3.0)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return values;
    }

    private static double NaiveNorm(float[] values)
    {
        double sum = 0;
        foreach (float v in values)
            sum += (double)v * v;
        return Math.Sqrt(sum);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ClipByValueMatchesANaiveClamp(int length)
    {
        var gradients = RandomGradients(length, length);
        var expected = gradients.Select(g => g > 1.25f ? 1.25f : g < -1.25f ? -1.25f : g).ToArray();
        Assert.True(GradientClipping.ClipByValue(gradients, 1.25f));
        Assert.Equal(expected, gradients);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ClipByNormMatchesANaiveRescale(int length)
    {
        var gradients = RandomGradients(length, 100 + length);
        var original = (float[])gradients.Clone();
        double norm = NaiveNorm(gradients);
        float maxNorm = (float)(norm * 0.5);

        double reported = GradientClipping.ClipByNorm(gradients, maxNorm);

        Assert.Equal(norm, reported, norm * 1e-12);
        float scale = (float)(maxNorm / norm);
        Assert.Equal(original.Select(g => g * scale).ToArray(), gradients);
        Assert.Equal(maxNorm, NaiveNorm(gradients), maxNorm * 1e-6);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ClipByNormLeavesSmallGradientsBitForBit(int length)
    {
        var gradients = RandomGradients(length, 200 + length);
        var original = (float[])gradients.Clone();
        double norm = NaiveNorm(gradients);
        Assert.Equal(norm, GradientClipping.ClipByNorm(gradients, (float)(norm * 1.01)), norm * 1e-12);
        Assert.Equal(original, gradients);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ClipByGlobalNormMatchesANaiveRescale(int length)
    {
        var gradients = RandomGradients(length, 300 + length);
        var original = (float[])gradients.Clone();
        double norm = NaiveNorm(gradients);
        Assert.Equal(norm, GradientClipping.ClipByGlobalNorm(gradients, 0.75f), norm * 1e-12);
        if (norm > 0.75)
        {
            float scale = (float)(0.75f / norm);
            Assert.Equal(original.Select(g => g * scale).ToArray(), gradients);
        }
        else
        {
            Assert.Equal(original, gradients);
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(9, 8)]
    [InlineData(33, 3)]
    [InlineData(67, 66)]
    [InlineData(67, 17)]
    public void NaNPropagatesThroughEveryMethod(int length, int position)
    {
        var gradients = RandomGradients(length, 7);
        gradients[position] = float.NaN;

        var byValue = (float[])gradients.Clone();
        Assert.False(GradientClipping.ClipByValue(byValue, 0.5f));
        Assert.True(float.IsNaN(byValue[position]));
        Assert.All(byValue.Where((_, i) => i != position), g => Assert.InRange(g, -0.5f, 0.5f));

        var byNorm = (float[])gradients.Clone();
        Assert.True(double.IsNaN(GradientClipping.ClipByNorm(byNorm, 1e-3f)));
        Assert.Equal(gradients, byNorm); // Equal treats NaN as equal to NaN

        var global = (float[])gradients.Clone();
        Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm(global, 1e-3f)));
        Assert.Equal(gradients, global);
    }

    [Theory]
    [InlineData(5, 2)]
    [InlineData(40, 37)]
    public void InfinityIsReportedAndNotTurnedIntoZeros(int length, int position)
    {
        var gradients = RandomGradients(length, 8);
        gradients[position] = float.NegativeInfinity;

        var byNorm = (float[])gradients.Clone();
        Assert.Equal(double.PositiveInfinity, GradientClipping.ClipByNorm(byNorm, 1f));
        Assert.Equal(gradients, byNorm);

        var byValue = (float[])gradients.Clone();
        Assert.False(GradientClipping.ClipByValue(byValue, 2f));
        Assert.Equal(-2f, byValue[position]);
    }

    [Fact]
    public void HugeFiniteGradientsAreScaledNotZeroed()
    {
        // Squares of 1e20 overflow float but not double.
        var gradients = Enumerable.Repeat(1e20f, 19).ToArray();
        double norm = GradientClipping.ClipByNorm(gradients, 1f);
        Assert.Equal(1e20 * Math.Sqrt(19), norm, 1e20 * 1e-6);
        Assert.All(gradients, g => Assert.Equal(1 / Math.Sqrt(19), g, 1e-6));
    }

    [Fact]
    public void EmptySpansHaveZeroNorm()
    {
        Assert.Equal(0.0, GradientClipping.ClipByNorm(Span<float>.Empty, 1f));
        Assert.True(GradientClipping.ClipByValue(Span<float>.Empty, 1f));
    }

    [Fact]
    public void GlobalNormOverSlicesScalesOnlyThoseSlicesByOneFactor()
    {
        var buffer = RandomGradients(50, 9);
        var original = (float[])buffer.Clone();
        Range[] slices = [3..20, 20..21, 30..47];
        double norm = NaiveNorm(original[3..21].Concat(original[30..47]).ToArray());

        Assert.Equal(norm, GradientClipping.GlobalNorm(buffer, slices), norm * 1e-12);
        Assert.Equal(norm, GradientClipping.ClipByGlobalNorm(buffer, slices, 1f), norm * 1e-12);

        float scale = (float)(1f / norm);
        for (int i = 0; i < buffer.Length; i++)
        {
            bool inside = i is >= 3 and < 21 or >= 30 and < 47;
            Assert.Equal(inside ? original[i] * scale : original[i], buffer[i]);
        }
    }

    [Fact]
    public void OverlappingOrUnorderedSlicesAreRejected()
    {
        var buffer = new float[10];
        Assert.Throws<ArgumentException>(() => GradientClipping.GlobalNorm(buffer, [0..5, 4..8]));
        Assert.Throws<ArgumentException>(() => GradientClipping.GlobalNorm(buffer, [5..8, 0..2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.GlobalNorm(buffer, [5..11]));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void BoundsMustBePositiveAndFinite(float bound)
    {
        var gradients = new float[4];
        Assert.Equal("limit", Assert.ThrowsAny<ArgumentException>(() => GradientClipping.ClipByValue(gradients, bound)).ParamName);
        Assert.Equal("maxNorm", Assert.ThrowsAny<ArgumentException>(() => GradientClipping.ClipByNorm(gradients, bound)).ParamName);
        Assert.Equal("maxNorm", Assert.ThrowsAny<ArgumentException>(() => GradientClipping.ClipByGlobalNorm(gradients, bound)).ParamName);
    }
}
