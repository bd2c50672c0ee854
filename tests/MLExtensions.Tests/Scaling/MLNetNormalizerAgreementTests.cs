using Microsoft.ML;
using MLExtensions.Transforms;
using static MLExtensions.Tests.Scaling.ScalingTestData;
using static MLExtensions.Tests.Support.FloatColumns;

namespace MLExtensions.Tests.Scaling;

/// <summary>
/// The scalers run ML.NET's normalizers. These tests hold ML.NET's fitted affine maps against MLExtensions' own
/// double-precision statistics (fitted on the same rows), slot by slot, including constant and never-seen slots,
/// and the transformer's output against <see cref="ScaledColumn.Scale"/> and the textbook formula.
/// </summary>
public class MLNetNormalizerAgreementTests
{
    private readonly MLContext _ml = new(seed: 1);

    /// <summary>Random rows with a constant slot, a slot that is only NaN, a slot with some NaN and a large-offset slot.</summary>
    private IDataView Awkward(int rows, int seed)
    {
        var random = new Random(seed);
        var data = Enumerable.Range(0, rows).Select(r => new[]
        {
            (float)(random.NextDouble() * 20 - 10),
            4.5f,
            float.NaN,
            r % 3 == 0 ? float.NaN : (float)random.NextDouble(),
            (float)(1e5 + random.NextDouble()),
        }).ToArray();
        return _ml.Data.LoadFromEnumerable(data.Select(r => new WideRow { Features = r }).ToList());
    }

    [Fact]
    public void MLNetsMeanVarianceNormalizerAppliesTheFittedMeanAndPopulationDeviation()
    {
        var column = _ml.Transforms.Standardize("Features").Fit(Awkward(300, 1)).GetColumn("Features");

        for (int slot = 0; slot < column.SlotCount; slot++)
        {
            double mean = column.Means[slot], deviation = column.StandardDeviations[slot];
            if (deviation > 0)
            {
                Assert.Equal((float)mean, column.Offsets[slot]);
                Assert.Equal(1f / (float)deviation, column.Scales[slot]);
            }
            else
            {
                Assert.Equal((0f, 0f), (column.Scales[slot], column.Offsets[slot]));
            }
        }
        Assert.Equal(0, column.StandardDeviations[1]);
        Assert.True(double.IsNaN(column.StandardDeviations[2]));
    }

    [Fact]
    public void MLNetsMinMaxNormalizerAppliesTheFittedRange()
    {
        var column = _ml.Transforms.ScaleMinMax("Features").Fit(Awkward(300, 2)).GetColumn("Features");

        for (int slot = 0; slot < column.SlotCount; slot++)
        {
            double low = column.Minima[slot], high = column.Maxima[slot];
            if (high > low)
            {
                Assert.Equal((float)low, column.Offsets[slot]);
                Assert.Equal(1f / ((float)high - (float)low), column.Scales[slot]);
            }
            else
            {
                Assert.Equal((0f, 0f), (column.Scales[slot], column.Offsets[slot]));
            }
        }
    }

    public static TheoryData<string> Scalers => new() { "standardize", "min-max", "min-max [-3, 5]", "min-max clipped", "min-max [-3, 5] clipped" };

    private ScalingTransformerBase Fit(string kind, IDataView data) => kind switch
    {
        "standardize" => _ml.Transforms.Standardize("Scaled", "Features").Fit(data),
        "min-max" => _ml.Transforms.ScaleMinMax("Scaled", "Features").Fit(data),
        "min-max [-3, 5]" => _ml.Transforms.ScaleMinMax("Scaled", "Features", min: -3, max: 5).Fit(data),
        "min-max clipped" => _ml.Transforms.ScaleMinMax("Scaled", "Features", clip: true).Fit(data),
        _ => _ml.Transforms.ScaleMinMax("Scaled", "Features", min: -3, max: 5, clip: true).Fit(data),
    };

    [Theory]
    [MemberData(nameof(Scalers))]
    public void ColumnScaleComputesExactlyWhatTheTransformerComputes(string kind)
    {
        var model = Fit(kind, Awkward(200, 3));
        var column = model is StandardizingTransformer s ? (ScaledColumn)s.GetColumn("Scaled") : ((MinMaxScalingTransformer)model).GetColumn("Scaled");
        var other = Awkward(100, 4);
        var inputs = Read(other, "Features");
        var outputs = Read(model.Transform(other), "Scaled");

        for (int row = 0; row < inputs.Length; row++)
        {
            var expected = new float[inputs[row].Length];
            column.Scale(inputs[row], expected);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), outputs[row].Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void StandardizedValuesAgreeWithTheDoublePrecisionFormulaToFloatRounding()
    {
        var data = Awkward(200, 5);
        var model = _ml.Transforms.Standardize("Scaled", "Features").Fit(data);
        var column = model.GetColumn("Scaled");
        var inputs = Read(data, "Features");
        var outputs = Read(model.Transform(data), "Scaled");

        for (int row = 0; row < inputs.Length; row++)
            for (int slot = 0; slot < column.SlotCount; slot++)
            {
                float x = inputs[row][slot];
                double deviation = column.StandardDeviations[slot];
                double expected = float.IsNaN(x) ? double.NaN : deviation > 0 ? (x - column.Means[slot]) / deviation : 0;
                if (double.IsNaN(expected))
                    Assert.True(float.IsNaN(outputs[row][slot]));
                else
                    Assert.True(Math.Abs(outputs[row][slot] - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)) + Math.Abs(column.Means[slot]) * 1e-7 / deviation,
                        $"row {row} slot {slot}: {outputs[row][slot]} vs {expected}");
            }
    }

    [Theory]
    [MemberData(nameof(Scalers))]
    public void GetOutputSchemaAgreesWithTheOutputOfMLNetsTransformers(string kind)
    {
        var data = VectorsWithSlotNames(_ml, new[] { "a", "b", "c" }, new[] { 1f, 2, 3 }, new[] { 2f, 4, 9 });
        IEstimator<ITransformer> estimator = kind switch
        {
            "standardize" => _ml.Transforms.Standardize("Scaled", "Features"),
            "min-max" => _ml.Transforms.ScaleMinMax("Scaled", "Features"),
            "min-max [-3, 5]" => _ml.Transforms.ScaleMinMax("Scaled", "Features", min: -3, max: 5),
            "min-max clipped" => _ml.Transforms.ScaleMinMax("Scaled", "Features", clip: true),
            _ => _ml.Transforms.ScaleMinMax("Scaled", "Features", min: -3, max: 5, clip: true),
        };
        var predicted = estimator.GetOutputSchema(ShapeOf(data.Schema)).Single(c => c.Name == "Scaled");
        var actual = ShapeOf(estimator.Fit(data).Transform(data).Schema).Single(c => c.Name == "Scaled");

        Assert.Equal(actual.Annotations!.Select(a => a.Name), predicted.Annotations!.Select(a => a.Name));
        Assert.Equal((actual.Kind, actual.ItemType), (predicted.Kind, predicted.ItemType));
    }

    public sealed class WideRow
    {
        [Microsoft.ML.Data.VectorType(5)]
        public float[] Features { get; set; } = Array.Empty<float>();
    }
}
