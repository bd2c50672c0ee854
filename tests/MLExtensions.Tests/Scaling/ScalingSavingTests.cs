using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Saving;
using MLExtensions.Transforms;
using static MLExtensions.Tests.Scaling.ScalingTestData;

namespace MLExtensions.Tests.Scaling;

public class ScalingSavingTests
{
    private readonly MLContext _ml = new(seed: 1);

    private static T RoundTrip<T>(T transformer) where T : ScalingTransformerBase
    {
        using var stream = new MemoryStream();
        transformer.Save(stream);
        stream.Position = 0;
        return TransformerFile.Load<T>(stream);
    }

    [Fact]
    public void StandardizingTransformerRoundTripsWithIdenticalStatisticsAndOutputs()
    {
        var data = Vectors(_ml, new[] { 1f, float.NaN, 5 }, new[] { 2.5f, 8, 5 }, new[] { -7f, 0.25f, 5 });
        var model = _ml.Transforms.Standardize(("Z", "Features"), ("W", "Features")).Fit(data);
        var loaded = RoundTrip(model);

        Assert.Equal(model.Columns.Select(c => (c.OutputColumnName, c.InputColumnName, c.SlotCount, c.IsVector)),
            loaded.Columns.Select(c => (c.OutputColumnName, c.InputColumnName, c.SlotCount, c.IsVector)));
        Assert.Equal(model.GetColumn("Z").Means, loaded.GetColumn("Z").Means);
        Assert.Equal(model.GetColumn("W").StandardDeviations, loaded.GetColumn("W").StandardDeviations);
        Assert.Equal(Read(model.Transform(data), "Z"), Read(loaded.Transform(data), "Z"));
    }

    [Fact]
    public void MinMaxTransformerRoundTripsWithItsTargetRangeAndClipping()
    {
        var data = Scalars(_ml, 0, 10, float.NaN);
        var model = _ml.Transforms.ScaleMinMax("S", "X", min: -2, max: 2, clip: true).Fit(data);
        var loaded = RoundTrip(model);

        var column = loaded.GetColumn("S");
        Assert.Equal((-2f, 2f, true, 0.0, 10.0), (column.TargetMin, column.TargetMax, column.Clip, column.Minima[0], column.Maxima[0]));
        var other = Scalars(_ml, -100, 5, 100);
        Assert.Equal(ReadScalars(model.Transform(other), "S"), ReadScalars(loaded.Transform(other), "S"));
    }

    [Fact]
    public void InverseTransformerRoundTrips()
    {
        var data = Scalars(_ml, 1, 2, 3);
        var inverse = _ml.Transforms.Standardize("X").Fit(data).GetInverse("X", "Restored", "X");
        var loaded = RoundTrip(inverse);

        Assert.Equal(("Restored", "X"), (loaded.Columns[0].OutputColumnName, loaded.Columns[0].InputColumnName));
        Assert.IsType<StandardizedColumn>(loaded.Columns[0].Statistics);
        Assert.Equal(ReadScalars(inverse.Transform(data), "Restored"), ReadScalars(loaded.Transform(data), "Restored"));
    }

    [Fact]
    public void ScalersSaveInsidePipelinesWithMLNetTransformers()
    {
        var rows = new[]
        {
            new MixedRow { Features = new[] { 1f, 100 }, Y = -1 },
            new MixedRow { Features = new[] { 3f, 300 }, Y = 1 },
            new MixedRow { Features = new[] { 8f, 150 }, Y = 4 },
        };
        var data = _ml.Data.LoadFromEnumerable(rows);
        var pipeline = _ml.Transforms.Concatenate("All", "Features", "Y")
            .Append(_ml.Transforms.Standardize("All"))
            .Append(_ml.Transforms.ScaleMinMax("Y01", "Y", clip: true));
        var model = pipeline.Fit(data);

        using var stream = new MemoryStream();
        _ml.Model.SavePipeline(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = _ml.Model.LoadPipeline(stream, out var inputSchema);

        Assert.Equal(data.Schema.Select(c => c.Name), inputSchema.Select(c => c.Name));
        Assert.Contains(loaded, t => t is StandardizingTransformer);
        Assert.Contains(loaded, t => t is MinMaxScalingTransformer);
        var expected = model.Transform(data);
        var actual = loaded.Transform(data);
        Assert.Equal(Read(expected, "All"), Read(actual, "All"));
        Assert.Equal(ReadScalars(expected, "Y01"), ReadScalars(actual, "Y01"));
    }

    [Fact]
    public void MLNetsOwnSaveExplainsWhereToSaveInstead()
    {
        var model = _ml.Transforms.Standardize("X").Fit(Scalars(_ml, 1, 2));
        using var stream = new MemoryStream();

        var error = Assert.ThrowsAny<Exception>(() => _ml.Model.Save(model, Scalars(_ml, 1).Schema, stream));
        var notSupported = error as NotSupportedException ?? error.InnerException as NotSupportedException;
        Assert.NotNull(notSupported);
        Assert.Contains("SavePipeline", notSupported!.Message);
    }

    [Fact]
    public void AFileWithAnUnknownTagIsRefused()
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
            writer.Write("no-such-scaler");
        using var file = new MemoryStream();
        MLExtensions.Engine.Serialization.ModelContainer.Write(file, ScalingFile.Kind, payload.ToArray());
        file.Position = 0;

        Assert.Contains("no-such-scaler", Assert.Throws<InvalidDataException>(() => TransformerFile.Load(file)).Message);
    }
}
