using Microsoft.ML;
using MLExtensions.Tests.Support;
using MLExtensions.Transforms;
using static MLExtensions.Tests.Scaling.ScalingTestData;
using static MLExtensions.Tests.Support.FloatColumns;

namespace MLExtensions.Tests.Scaling;

public class StandardizingTests
{
    private readonly MLContext _ml = new(seed: 1);

    /// <summary>The textbook two-pass computation in double, skipping NaN: the reference the transformer must match.</summary>
    private static (double Mean, double Deviation) TwoPass(IEnumerable<float> values)
    {
        var kept = values.Where(v => !float.IsNaN(v)).Select(v => (double)v).ToArray();
        double mean = kept.Sum() / kept.Length;
        double variance = kept.Sum(v => (v - mean) * (v - mean)) / kept.Length;
        return (mean, Math.Sqrt(variance));
    }

    [Fact]
    public void MeansAndPopulationDeviationsMatchATwoPassComputationPerSlot()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200)
            .Select(_ => new[] { (float)random.NextDouble() * 10, (float)(random.NextDouble() * 0.1 - 5), (float)random.Next(-50, 50) })
            .ToArray();
        var model = _ml.Transforms.Standardize("Features").Fit(Vectors(_ml, rows));
        var column = model.GetColumn("Features");

        Assert.Equal(3, column.SlotCount);
        for (int slot = 0; slot < 3; slot++)
        {
            var (mean, deviation) = TwoPass(rows.Select(r => r[slot]));
            Assert.Equal(mean, column.Means[slot], 1e-10);
            Assert.Equal(deviation, column.StandardDeviations[slot], 1e-10);
        }
    }

    [Fact]
    public void LargeOffsetsKeepTheirSmallSpreadWhereANaiveSumOfSquaresLosesIt()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 1000).Select(_ => (float)(1e6 + random.NextDouble() - 0.5)).ToArray();
        var (mean, deviation) = TwoPass(values);

        // The single-pass formula E[x²] − E[x]² cancels catastrophically at this offset, even in double.
        double sum = values.Sum(v => (double)v), sumOfSquares = values.Sum(v => (double)v * v);
        double naive = Math.Sqrt(Math.Max(0, sumOfSquares / values.Length - sum / values.Length * (sum / values.Length)));
        Assert.True(Math.Abs(naive - deviation) / deviation > 1e-6, $"naive {naive} vs {deviation}: the data no longer shows the problem");

        var column = _ml.Transforms.Standardize("X").Fit(Scalars(_ml, values)).GetColumn("X");
        Assert.Equal(mean, column.Means[0], 1e-6);
        Assert.Equal(deviation, column.StandardDeviations[0], 1e-8);
    }

    [Fact]
    public void StandardizedTrainingDataHasZeroMeanAndUnitDeviation()
    {
        var data = Scalars(_ml, 2, 4, 4, 4, 5, 5, 7, 9);
        var output = ReadScalars(_ml.Transforms.Standardize("Z", "X").Fit(data).Transform(data), "Z");

        // Mean 5, population deviation 2.
        Assert.Equal(new[] { -1.5f, -0.5f, -0.5f, -0.5f, 0, 0, 1, 2 }, output);
    }

    [Fact]
    public void ZeroVarianceSlotsBecomeZero()
    {
        var data = Vectors(_ml, new[] { 3f, 1, 7 }, new[] { 3f, 2, 7 }, new[] { 3f, 3, 7 });
        var model = _ml.Transforms.Standardize("Features").Fit(data);

        Assert.Equal(0, model.GetColumn("Features").StandardDeviations[0]);
        var output = Read(model.Transform(Vectors(_ml, new[] { 3f, 2, 8 })), "Features");
        Assert.Equal(new[] { 0f, 0, 0 }, output[0]);
    }

    [Fact]
    public void NaNIsIgnoredWhileFittingAndPropagatedWhenTransforming()
    {
        var data = Vectors(_ml,
            new[] { 1f, float.NaN, float.NaN },
            new[] { float.NaN, 10, float.NaN },
            new[] { 3f, 20, float.NaN });
        var model = _ml.Transforms.Standardize("Features").Fit(data);
        var column = model.GetColumn("Features");

        Assert.Equal(new[] { 2.0, 15.0 }, column.Means.Take(2));
        Assert.Equal(new[] { 1.0, 5.0 }, column.StandardDeviations.Take(2));
        Assert.True(double.IsNaN(column.Means[2]) && double.IsNaN(column.StandardDeviations[2]), "a slot with no values has no statistics");

        var output = Read(model.Transform(Vectors(_ml, new[] { float.NaN, 20, 4 }, new[] { 3f, float.NaN, float.NaN })), "Features");
        Assert.True(float.IsNaN(output[0][0]));
        Assert.Equal(1f, output[0][1]);
        Assert.Equal(0f, output[0][2]); // all-NaN slots map to 0
        Assert.Equal(1f, output[1][0]);
        Assert.True(float.IsNaN(output[1][1]) && float.IsNaN(output[1][2]));
    }

    [Fact]
    public void TrainingStatisticsApplyUnchangedToOtherData()
    {
        var model = _ml.Transforms.Standardize("X").Fit(Scalars(_ml, 0, 10));
        var output = ReadScalars(model.Transform(Scalars(_ml, 100, -5, 5)), "X");

        Assert.Equal(new[] { 19f, -2f, 0f }, output);
    }

    [Fact]
    public void SeveralColumnsAreFittedIndependentlyInOnePass()
    {
        var rows = new[]
        {
            new MixedRow { Features = new[] { 1f, 100 }, Y = -1 },
            new MixedRow { Features = new[] { 3f, 300 }, Y = 1 },
        };
        var counting = new CountingDataView(_ml.Data.LoadFromEnumerable(rows));
        var model = _ml.Transforms.Standardize(("F", "Features"), ("Y", "Y")).Fit(counting);

        Assert.Equal(1, counting.CursorsOpened);
        Assert.Equal(new[] { "F", "Y" }, model.Columns.Select(c => c.OutputColumnName));
        Assert.Equal(new[] { 2.0, 200.0 }, model.GetColumn("F").Means);
        Assert.Equal(new[] { 0.0 }, model.GetColumn("Y").Means);
        var output = model.Transform(counting);
        Assert.Equal(new[] { -1f, -1 }, Read(output, "F")[0]);
        Assert.Equal(new[] { -1f, 1 }, ReadScalars(output, "Y"));
        Assert.Equal(new[] { 1f, 100 }, Read(output, "Features")[0]); // the input stays
    }

    [Fact]
    public void SparseInputGivesDenseOutputCountingImplicitZeros()
    {
        var rows = new[]
        {
            new SparseRow { Features = new Microsoft.ML.Data.VBuffer<float>(4, 1, new[] { 2f }, new[] { 1 }) },
            new SparseRow { Features = new Microsoft.ML.Data.VBuffer<float>(4, 1, new[] { 4f }, new[] { 1 }) },
        };
        var data = _ml.Data.LoadFromEnumerable(rows);
        var model = _ml.Transforms.Standardize("Features").Fit(data);

        Assert.Equal(new[] { 0.0, 3, 0, 0 }, model.GetColumn("Features").Means);
        var output = Read(model.Transform(data), "Features");
        Assert.Equal(new[] { 0f, -1, 0, 0 }, output[0]);
    }

    [Fact]
    public void InverseRestoresTheOriginalValues()
    {
        var rows = new[] { new[] { 1f, -3, 5 }, new[] { 2.5f, 8, 5 }, new[] { -7f, 0.25f, 5 }, new[] { float.NaN, 1, 5 } };
        var data = Vectors(_ml, rows);
        var model = _ml.Transforms.Standardize("Z", "Features").Fit(data);
        var inverse = model.GetInverse();
        var restored = Read(inverse.Transform(model.Transform(data)), "Features");

        for (int r = 0; r < rows.Length; r++)
            for (int s = 0; s < 3; s++)
            {
                if (float.IsNaN(rows[r][s]))
                    Assert.True(float.IsNaN(restored[r][s]));
                else
                    Assert.Equal(rows[r][s], restored[r][s], 1e-5f);
            }
        Assert.Equal(("Features", "Z"), (inverse.Columns[0].OutputColumnName, inverse.Columns[0].InputColumnName));
    }

    [Fact]
    public void InverseOfOneColumnCanUndoAnotherColumnSuchAsAPredictedScore()
    {
        var model = _ml.Transforms.Standardize("X").Fit(Scalars(_ml, 10, 20, 30, 40));
        var inverse = model.GetInverse(fittedOutputColumnName: "X", outputColumnName: "Restored", inputColumnName: "Score");
        var scores = _ml.Data.LoadFromEnumerable(new[] { new ScoreRow { Score = 0 }, new ScoreRow { Score = 1 } });

        var column = model.GetColumn("X");
        Assert.Equal(new[] { 25f, (float)(25 + column.StandardDeviations[0]) }, ReadScalars(inverse.Transform(scores), "Restored"));
    }

    [Fact]
    public void ColumnMethodsScaleAndUnscaleSpans()
    {
        var column = _ml.Transforms.Standardize("X").Fit(Scalars(_ml, 1, 3)).GetColumn("X");
        Span<float> scaled = stackalloc float[1];
        column.Scale(new[] { 5f }, scaled);
        Assert.Equal(3f, scaled[0]);
        Span<float> back = stackalloc float[1];
        column.Unscale(scaled, back);
        Assert.Equal(5f, back[0]);
        Assert.Throws<ArgumentException>(() => column.Scale(new[] { 1f, 2f }, new float[2]));
    }

    [Fact]
    public void FittedStatisticsCannotBeChangedThroughThePublicLists()
    {
        var column = _ml.Transforms.Standardize("X").Fit(Scalars(_ml, 1, 3)).GetColumn("X");
        var means = Assert.IsAssignableFrom<IList<double>>(column.Means);
        Assert.True(means.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => means[0] = 42);
    }

    [Fact]
    public void ManyThreadsCanTransformWithOneModel()
    {
        var values = Enumerable.Range(0, 500).Select(i => (float)i).ToArray();
        var data = Scalars(_ml, values);
        var model = _ml.Transforms.Standardize("Z", "X").Fit(data);
        var expected = ReadScalars(model.Transform(data), "Z");

        var results = new float[8][];
        Parallel.For(0, results.Length, i => results[i] = ReadScalars(model.Transform(data), "Z"));
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}

public sealed class ScoreRow
{
    public float Score { get; set; }
}
