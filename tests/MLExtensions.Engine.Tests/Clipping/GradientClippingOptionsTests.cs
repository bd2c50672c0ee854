using MLExtensions.Engine.Clipping;

namespace MLExtensions.Engine.Tests.Clipping;

public class GradientClippingOptionsTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(-0.5f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void BoundsAreValidated(float bound)
    {
        Assert.Equal("ClipValue", Assert.ThrowsAny<ArgumentException>(() => new GradientClippingOptions { ClipValue = bound }).ParamName);
        Assert.Equal("ClipNorm", Assert.ThrowsAny<ArgumentException>(() => new GradientClippingOptions { ClipNorm = bound }).ParamName);
        Assert.Equal("GlobalClipNorm", Assert.ThrowsAny<ArgumentException>(() => new GradientClippingOptions { GlobalClipNorm = bound }).ParamName);
    }

    [Fact]
    public void NothingIsEnabledByDefault()
    {
        var options = new GradientClippingOptions();
        Assert.False(options.IsEnabled);
        float[] gradients = [3f, 4f];
        Assert.Equal(5.0, options.Apply(gradients, []));
        Assert.Equal(new[] { 3f, 4f }, gradients);
        Assert.True(new GradientClippingOptions { ClipNorm = 1f }.IsEnabled);
    }

    [Fact]
    public void ValueThenPerLayerNormThenGlobalNorm()
    {
        var options = new GradientClippingOptions { ClipValue = 4f, ClipNorm = 5f, GlobalClipNorm = 6f };
        // Layer A = [3, 10] → value clip [3, 4] (norm 5, kept); layer B = [0, 12] → [0, 4] → kept (norm 4).
        // Joint norm √(25 + 16) = √41 > 6 → everything · 6/√41.
        float[] gradients = [3f, 10f, 0f, 12f];
        double reported = options.Apply(gradients, [0..2, 2..4]);

        Assert.Equal(Math.Sqrt(9 + 100 + 144), reported, 1e-12);
        float scale = (float)(6f / Math.Sqrt(41));
        Assert.Equal(new[] { 3f * scale, 4f * scale, 0f, 4f * scale }, gradients);
    }

    [Fact]
    public void PerLayerNormClipsEachSliceOnItsOwn()
    {
        var options = new GradientClippingOptions { ClipNorm = 1f };
        float[] gradients = [3f, 4f, 0.3f, 0.4f];
        options.Apply(gradients, [0..2, 2..4]);
        Assert.Equal(new[] { 3f * (float)(1 / 5.0), 4f * (float)(1 / 5.0), 0.3f, 0.4f }, gradients);
    }

    [Fact]
    public void PerLayerNormNeedsTheSlices()
    {
        var options = new GradientClippingOptions { ClipNorm = 1f };
        Assert.Equal("layerSlices", Assert.Throws<ArgumentException>(() => options.Apply(new float[3], [])).ParamName);
    }

    [Fact]
    public void DivergedGradientsAreReportedAndLeftAlone()
    {
        var options = new GradientClippingOptions { ClipValue = 1f, GlobalClipNorm = 1f };
        float[] gradients = [5f, float.PositiveInfinity, -7f];
        Assert.Equal(double.PositiveInfinity, options.Apply(gradients, []));
        Assert.Equal(new[] { 5f, float.PositiveInfinity, -7f }, gradients);
    }
}
