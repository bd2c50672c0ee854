using Microsoft.ML;
using MLExtensions.Transforms;
using static MLExtensions.Tests.Scaling.ScalingTestData;
using static MLExtensions.Tests.Support.FloatColumns;

namespace MLExtensions.Tests.Scaling;

public class MinMaxScalingTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void TrainingRangeMapsOntoZeroToOneByDefault()
    {
        var data = Scalars(_ml, 2, 4, 10, 6);
        var model = _ml.Transforms.ScaleMinMax("S", "X").Fit(data);

        Assert.Equal(new[] { 2.0 }, model.GetColumn("S").Minima);
        Assert.Equal(new[] { 10.0 }, model.GetColumn("S").Maxima);
        Assert.Equal(new[] { 0f, 0.25f, 1f, 0.5f }, ReadScalars(model.Transform(data), "S"));
    }

    [Fact]
    public void ValuesOutsideTheTrainingRangeGoOutsideTheTargetUnlessClipped()
    {
        var training = Scalars(_ml, 0, 10);
        var other = Scalars(_ml, -5, 5, 20, float.NaN);

        var open = ReadScalars(_ml.Transforms.ScaleMinMax("X", min: -1, max: 1).Fit(training).Transform(other), "X");
        Assert.Equal(new[] { -2f, 0f, 3f }, open.Take(3));
        Assert.True(float.IsNaN(open[3]));

        var clipped = ReadScalars(_ml.Transforms.ScaleMinMax("X", min: -1, max: 1, clip: true).Fit(training).Transform(other), "X");
        Assert.Equal(new[] { -1f, 0f, 1f }, clipped.Take(3));
        Assert.True(float.IsNaN(clipped[3]), "clipping keeps NaN");
    }

    [Fact]
    public void ConstantAndAllNaNSlotsMapToTheTargetMinimum()
    {
        var data = Vectors(_ml, new[] { 4f, 1, float.NaN }, new[] { 4f, 3, float.NaN });
        var model = _ml.Transforms.ScaleMinMax("Features", min: 5, max: 6).Fit(data);

        var column = model.GetColumn("Features");
        Assert.True(double.IsNaN(column.Minima[2]) && double.IsNaN(column.Maxima[2]));
        var output = Read(model.Transform(Vectors(_ml, new[] { 4f, 2, 9 }, new[] { 100f, 3, -1 })), "Features");
        Assert.Equal(new[] { 5f, 5.5f, 5f }, output[0]);
        Assert.Equal(new[] { 5f, 6f, 5f }, output[1]);
    }

    [Fact]
    public void NaNIsIgnoredWhenFindingTheRange()
    {
        var model = _ml.Transforms.ScaleMinMax("X").Fit(Scalars(_ml, float.NaN, 3, -1, float.NaN));
        Assert.Equal((-1.0, 3.0), (model.GetColumn("X").Minima[0], model.GetColumn("X").Maxima[0]));
    }

    [Fact]
    public void MultiColumnOverloadSharesTheTargetRange()
    {
        var rows = new[]
        {
            new MixedRow { Features = new[] { 0f, 10 }, Y = 1 },
            new MixedRow { Features = new[] { 4f, 30 }, Y = 3 },
        };
        var data = _ml.Data.LoadFromEnumerable(rows);
        var model = _ml.Transforms.ScaleMinMax(new[] { ("F", "Features"), ("Y", "Y") }, min: 0, max: 100).Fit(data);

        Assert.All(model.Columns, c => Assert.Equal((0f, 100f, false), (c.TargetMin, c.TargetMax, c.Clip)));
        var output = model.Transform(_ml.Data.LoadFromEnumerable(new[] { new MixedRow { Features = new[] { 1f, 20 }, Y = 2 } }));
        Assert.Equal(new[] { 25f, 50f }, Read(output, "F")[0]);
        Assert.Equal(new[] { 50f }, ReadScalars(output, "Y"));
    }

    [Fact]
    public void InverseRestoresValuesInsideTheTrainingRange()
    {
        var data = Vectors(_ml, new[] { 1f, -3, 5 }, new[] { 2.5f, 8, 5 }, new[] { -7f, 0.25f, 5 });
        var model = _ml.Transforms.ScaleMinMax("S", "Features", min: -1, max: 1).Fit(data);
        var restored = Read(model.GetInverse().Transform(model.Transform(data)), "Features");

        Assert.Equal(new[] { 1f, -3, 5 }, restored[0], new FloatTolerance(1e-5f));
        Assert.Equal(new[] { -7f, 0.25f, 5 }, restored[2], new FloatTolerance(1e-5f));
    }

    [Theory]
    [InlineData(1f, 1f)]
    [InlineData(2f, 1f)]
    [InlineData(float.NaN, 1f)]
    [InlineData(0f, float.PositiveInfinity)]
    public void AnEmptyOrReversedTargetRangeIsRefused(float min, float max)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.ScaleMinMax("X", min: min, max: max));
        Assert.Contains("min < max", error.Message);
    }

    private sealed class FloatTolerance : IEqualityComparer<float>
    {
        private readonly float _tolerance;
        public FloatTolerance(float tolerance) => _tolerance = tolerance;
        public bool Equals(float x, float y) => Math.Abs(x - y) <= _tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
