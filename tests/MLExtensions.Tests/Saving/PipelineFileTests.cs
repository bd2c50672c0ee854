using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Saving;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.Saving;

/// <summary>Whole pipelines mixing ML.NET's transformers and ours, saved as one file.</summary>
public class PipelineFileTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    private (ITransformer Model, IDataView Train, IDataView Test) FitMixedPipeline()
    {
        var train = _mlContext.Data.LoadFromEnumerable(Datasets.ThreeClustersRaw(240, seed: 51));
        var test = _mlContext.Data.LoadFromEnumerable(Datasets.ThreeClustersRaw(90, seed: 52));
        var pipeline = _mlContext.Transforms.Concatenate("Features", "X", "Y")
            .Append(_mlContext.Transforms.Conversion.MapValueToKey("Label"))
            .Append(_mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass(epochs: 20)))
            .Append(_mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return (pipeline.Fit(train), train, test);
    }

    private List<RawMulticlassPrediction> Predict(ITransformer model, IDataView data) =>
        _mlContext.Data.CreateEnumerable<RawMulticlassPrediction>(model.Transform(data), reuseRowObject: false).ToList();

    private static void AssertSamePredictions(List<RawMulticlassPrediction> expected, List<RawMulticlassPrediction> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].PredictedLabel, actual[i].PredictedLabel);
            Assert.Equal(expected[i].Score, actual[i].Score);
        }
    }

    [Fact]
    public void MixedPipelineRoundTripsThroughAStream()
    {
        var (model, train, test) = FitMixedPipeline();
        var expected = Predict(model, test);
        Assert.True(expected.Count(p => Datasets.ClusterNames.Contains(p.PredictedLabel)) == expected.Count);

        using var stream = new MemoryStream();
        _mlContext.Model.SavePipeline(model, train.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext(seed: 2).Model.LoadPipeline(stream, out var inputSchema);

        AssertSamePredictions(expected, Predict(loaded, test));
        Assert.Equal(train.Schema.Select(c => (c.Name, c.Type)), inputSchema.Select(c => (c.Name, c.Type)));
        Assert.Equal(4, loaded.Count());
    }

    [Fact]
    public void MixedPipelineRoundTripsThroughAFile()
    {
        var (model, train, test) = FitMixedPipeline();
        string path = Path.Combine(Path.GetTempPath(), $"mlext-pipeline-{Guid.NewGuid():N}.zip");
        try
        {
            _mlContext.Model.SavePipeline(model, train.Schema, path);
            var loaded = _mlContext.Model.LoadPipeline(path, out _);
            AssertSamePredictions(Predict(model, test), Predict(loaded, test));

            // The loaded chain also serves single predictions.
            using var engine = _mlContext.Model.CreatePredictionEngine<RawMulticlassRow, RawMulticlassPrediction>(loaded);
            var first = Datasets.ThreeClustersRaw(90, seed: 52)[0];
            Assert.Equal(Predict(model, test)[0].PredictedLabel, engine.Predict(first).PredictedLabel);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void APipelineOfOnlyOurTransformerRoundTrips()
    {
        using var stream = new MemoryStream();
        var data = Trained.BinaryTest(_mlContext);
        _mlContext.Model.SavePipeline(Trained.Binary, data.Schema, stream);
        stream.Position = 0;
        var loaded = _mlContext.Model.LoadPipeline(stream, out _);
        Assert.Equal(Trained.Scores(_mlContext, Trained.Binary, data), Trained.Scores(_mlContext, loaded, data));
    }

    [Fact]
    public void AFileThatIsNotAPipelineIsRejectedClearly()
    {
        var notZip = Assert.Throws<InvalidDataException>(() => _mlContext.Model.LoadPipeline(new MemoryStream(new byte[] { 1, 2, 3, 4, 5 }), out _));
        Assert.Contains("not an MLExtensions pipeline file", notZip.Message);

        using var other = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(other, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            zip.CreateEntry("readme.txt");
        other.Position = 0;
        // A zip (an ML.NET model, or a pipeline of the unverifiable first format) is named as such.
        var zipArchive = Assert.Throws<InvalidDataException>(() => _mlContext.Model.LoadPipeline(other, out _));
        Assert.Contains("zip archive", zipArchive.Message);
    }
}
