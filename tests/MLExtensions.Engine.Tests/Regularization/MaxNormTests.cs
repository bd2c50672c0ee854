using MLExtensions.Engine.Regularization;

namespace MLExtensions.Engine.Tests.Regularization;

public class MaxNormTests
{
    private static float[] RandomKernel(int fanIn, int units, int seed)
    {
        var random = new Random(seed);
        var weights = new float[fanIn * units];
        for (int unit = 0; unit < units; unit++)
        {
            // Columns of widely different sizes, so some are over the bound and some under.
            double size = unit % 3 == 0 ? 0.1 : unit % 3 == 1 ? 1.0 : 5.0;
            for (int row = 0; row < fanIn; row++)
                weights[row * units + unit] = (float)((random.NextDouble() * 2 - 1) * size);
        }
        return weights;
    }

    private static double ColumnNorm(float[] weights, int fanIn, int units, int unit)
    {
        double sum = 0;
        for (int row = 0; row < fanIn; row++)
            sum += (double)weights[row * units + unit] * weights[row * units + unit];
        return Math.Sqrt(sum);
    }

    [Theory]
    [InlineData(7, 13, false)]
    [InlineData(1, 1, false)]
    [InlineData(33, 67, false)]
    [InlineData(5, 17, true)]
    [InlineData(3, 300, true)]
    public void ColumnsOverTheBoundEndOnItAndOthersAreUntouched(int fanIn, int units, bool withoutScratch)
    {
        const float maxNorm = 1.5f;
        var weights = RandomKernel(fanIn, units, fanIn * 1000 + units);
        var original = (float[])weights.Clone();

        if (withoutScratch)
            MaxNorm.Apply(weights, fanIn, units, maxNorm);
        else
            MaxNorm.Apply(weights, fanIn, units, maxNorm, new float[units + 3]);

        int clipped = 0;
        for (int unit = 0; unit < units; unit++)
        {
            double before = ColumnNorm(original, fanIn, units, unit);
            if (before > maxNorm)
            {
                clipped++;
                Assert.Equal(maxNorm, ColumnNorm(weights, fanIn, units, unit), maxNorm * 2e-6);
                float scale = (float)(maxNorm / before);
                for (int row = 0; row < fanIn; row++)
                    Assert.Equal(original[row * units + unit] * scale, weights[row * units + unit], Math.Abs(original[row * units + unit] * scale) * 1e-6f);
            }
            else
            {
                for (int row = 0; row < fanIn; row++)
                    Assert.Equal(original[row * units + unit], weights[row * units + unit]);
            }
        }
        if (units > 2 && fanIn > 1)
            Assert.InRange(clipped, 1, units - 1);
    }

    [Fact]
    public void KernelsWithinTheBoundAreNotWritten()
    {
        var weights = RandomKernel(4, 9, 3);
        var original = (float[])weights.Clone();
        MaxNorm.Apply(weights, 4, 9, 100f);
        Assert.Equal(original, weights);
    }

    [Fact]
    public void HugeColumnsAreScaledOntoTheBoundNotZeroed()
    {
        const int fanIn = 4, units = 3;
        var weights = new float[fanIn * units];
        for (int row = 0; row < fanIn; row++)
        {
            weights[row * units + 0] = 0.1f;
            weights[row * units + 1] = 1e20f; // its squares overflow float
            weights[row * units + 2] = float.NaN;
        }
        MaxNorm.Apply(weights, fanIn, units, 2f);
        Assert.Equal(2.0, ColumnNorm(weights, fanIn, units, 1), 1e-5);
        Assert.Equal(0.1f, weights[0]);
        Assert.True(float.IsNaN(weights[2]));
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        var weights = new float[12];
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => MaxNorm.Apply(weights, 5, 3, 1f)).ParamName);
        Assert.Equal("maxNorm", Assert.ThrowsAny<ArgumentException>(() => MaxNorm.Apply(weights, 4, 3, 0f)).ParamName);
        Assert.Equal("maxNorm", Assert.ThrowsAny<ArgumentException>(() => MaxNorm.Apply(weights, 4, 3, float.NaN)).ParamName);
        Assert.Equal("scratch", Assert.Throws<ArgumentException>(() => MaxNorm.Apply(weights, 4, 3, 1f, new float[2])).ParamName);
        Assert.Equal("fanIn", Assert.ThrowsAny<ArgumentException>(() => MaxNorm.Apply(weights, -4, -3, 1f, new float[3])).ParamName);
    }
}
