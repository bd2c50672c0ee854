using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLExtensions.Saving;
using MLExtensions.Transforms;
using static MLExtensions.Tests.Scaling.ScalingTestData;
using static MLExtensions.Tests.Support.FloatColumns;

namespace MLExtensions.Tests.Scaling;

/// <summary>
/// The forward scalers run and save as ML.NET's own transformers, so ML.NET's Model.Save stores them and its
/// Model.Load gives ML.NET's transformers back (not ours): these tests check the reloaded model computes the
/// same values. The inverse, which ML.NET cannot express, keeps MLExtensions' format.
/// </summary>
public class ScalingSavingTests
{
    private readonly MLContext _ml = new(seed: 1);

    private ITransformer SaveAndLoadWithMLNet(ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        _ml.Model.Save(model, schema, stream);
        stream.Position = 0;
        return new MLContext().Model.Load(stream, out _);
    }

    [Fact]
    public void StandardizingTransformerSavesWithMLNetsModelSaveAndComputesTheSameValues()
    {
        var data = Vectors(_ml, new[] { 1f, float.NaN, 5 }, new[] { 2.5f, 8, 5 }, new[] { -7f, 0.25f, 5 });
        var model = _ml.Transforms.Standardize(("Z", "Features"), ("W", "Features")).Fit(data);
        var loaded = SaveAndLoadWithMLNet(model, data.Schema);

        Assert.DoesNotContain(AllTransformers(loaded), t => t.GetType().Assembly == typeof(StandardizingTransformer).Assembly);
        var other = Vectors(_ml, new[] { 100f, -3, 5 }, new[] { float.NaN, 1e6f, -2 });
        Assert.Equal(Read(model.Transform(other), "Z"), Read(loaded.Transform(other), "Z"));
        Assert.Equal(Read(model.Transform(other), "W"), Read(loaded.Transform(other), "W"));
    }

    [Fact]
    public void MinMaxTransformerWithATargetRangeAndClippingSavesWithMLNetsModelSave()
    {
        var data = Scalars(_ml, 0, 10, float.NaN);
        var model = _ml.Transforms.ScaleMinMax("S", "X", min: -2, max: 2, clip: true).Fit(data);
        var loaded = SaveAndLoadWithMLNet(model, data.Schema);

        var other = Scalars(_ml, -100, 5, 7.5f, 100, float.NaN);
        var expected = ReadScalars(model.Transform(other), "S");
        Assert.Equal(new[] { -2f, 0f, 1f, 2f }, expected.Take(4));
        Assert.True(float.IsNaN(expected[4]));
        Assert.Equal(expected, ReadScalars(loaded.Transform(other), "S"));
    }

    [Fact]
    public void APipelineOfMLNetTransformsAndOurScalersSavesWithModelSaveAndServesPredictions()
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
            .Append(_ml.Transforms.ScaleMinMax("Y01", "Y", clip: true))
            .Append(_ml.Transforms.NormalizeLpNorm("Unit", "All"));
        var model = pipeline.Fit(data);
        var loaded = SaveAndLoadWithMLNet(model, data.Schema);

        var other = _ml.Data.LoadFromEnumerable(new[] { new MixedRow { Features = new[] { 2f, 50 }, Y = 9 }, rows[1] });
        foreach (var column in new[] { "All", "Unit" })
            Assert.Equal(Read(model.Transform(other), column), Read(loaded.Transform(other), column));
        Assert.Equal(new[] { 1f, 0.4f }, ReadScalars(loaded.Transform(other), "Y01"));

        var engine = _ml.Model.CreatePredictionEngine<MixedRow, ScaledRow>(loaded);
        Assert.Equal(ReadScalars(model.Transform(other), "Y01")[0], engine.Predict(new MixedRow { Features = new[] { 2f, 50 }, Y = 9 }).Y01);
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
        // Saved as ML.NET's transformers, the scalers come back as ML.NET's normalizer (and Expression transform).
        Assert.Contains(loaded, t => t is NormalizingTransformer);
        var expected = model.Transform(data);
        var actual = loaded.Transform(data);
        Assert.Equal(Read(expected, "All"), Read(actual, "All"));
        Assert.Equal(ReadScalars(expected, "Y01"), ReadScalars(actual, "Y01"));
    }

    [Fact]
    public void InverseTransformerRoundTripsInMLExtensionsFormat()
    {
        var data = Scalars(_ml, 1, 2, 3);
        var inverse = _ml.Transforms.Standardize("X").Fit(data).GetInverse("X", "Restored", "X");
        using var stream = new MemoryStream();
        inverse.Save(stream);
        stream.Position = 0;
        var loaded = TransformerFile.Load<InverseScalingTransformer>(stream);

        Assert.Equal(("Restored", "X"), (loaded.Columns[0].OutputColumnName, loaded.Columns[0].InputColumnName));
        Assert.IsType<StandardizedColumn>(loaded.Columns[0].Statistics);
        Assert.Equal(ReadScalars(inverse.Transform(data), "Restored"), ReadScalars(loaded.Transform(data), "Restored"));
    }

    [Fact]
    public void AnInverseFileWithAColumnOfUnknownKindIsRefused()
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(1);
            writer.Write("Out");
            writer.Write("In");
            writer.Write("no-such-scaling");
            writer.Write("Out");
            writer.Write("In");
            writer.Write(1);
            writer.Write(false);
        }
        using var file = new MemoryStream();
        MLExtensions.Engine.Serialization.ModelContainer.Write(file, InverseScalingTransformer.FileKind, payload.ToArray());
        file.Position = 0;

        Assert.Contains("no-such-scaling", Assert.Throws<InvalidDataException>(() => TransformerFile.Load(file)).Message);
    }

    private static IEnumerable<ITransformer> AllTransformers(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(AllTransformers) : new[] { transformer };

    public sealed class ScaledRow
    {
        public float Y01 { get; set; }
    }
}
