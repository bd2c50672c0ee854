using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Engine.Activations;
using MLExtensions.Onnx.Tests.Support;
using MLExtensions.Trainers;
using MLExtensions.Transforms;

namespace MLExtensions.Onnx.Tests.Conversion;

/// <summary>
/// Pipelines of ML.NET transforms, our scalers and our MLP, saved as ordinary ML.NET zips, loaded and served by a
/// separate process that has only ML.NET: its predictions equal ours.
/// </summary>
public class PlainMLNetZipTests
{
    private readonly MLContext _mlContext = new(seed: 1);
    private readonly FeatureRow[] _train = TestData.Rows(160, seed: 31);
    private readonly FeatureRow[] _test = TestData.Rows(40, seed: 32, spread: 4f);

    private ITransformer Fit(string task)
    {
        var scaling = _mlContext.Transforms.CopyColumns("Raw", "Features")
            .Append(_mlContext.Transforms.Standardize("Features", "Raw"))
            .Append(_mlContext.Transforms.ScaleMinMax("Features", min: -1, max: 1, clip: true));
        var layers = new[] { MlpLayer.Dense(8, ActivationKind.Gelu), MlpLayer.BatchNormalization(momentum: 0.5f), MlpLayer.PRelu() };
        IEstimator<ITransformer> pipeline = task switch
        {
            "binary" => scaling.Append(_mlContext.BinaryClassification.Trainers.Mlp(Trained.Options<MlpBinaryTrainer.Options>(layers, nameof(FeatureRow.BinaryLabel)))),
            "regression" => scaling.Append(_mlContext.Regression.Trainers.Mlp(Trained.Options<MlpRegressionTrainer.Options>(layers, nameof(FeatureRow.Target)))),
            _ => scaling.Append(_mlContext.MulticlassClassification.Trainers.Mlp(Trained.Options<MlpMulticlassTrainer.Options>(layers, "LabelKey")))
                .Append(_mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel")),
        };
        return pipeline.Fit(Training());
    }

    /// <summary>The training rows with the class label as a key, made before the pipeline so that serving needs no label.</summary>
    private IDataView Training() =>
        _mlContext.Transforms.Conversion.MapValueToKey("LabelKey", nameof(FeatureRow.ClassLabel)).Fit(TestData.View(_mlContext, _train)).Transform(TestData.View(_mlContext, _train));

    private string SaveAsMLNet(ITransformer model)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlext-mlnet-{Guid.NewGuid():N}.zip");
        _mlContext.Model.SaveAsMLNetModel(model, Training().Schema, path);
        return path;
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("multiclass")]
    [InlineData("regression")]
    public void AnMLNetZipOfATrainedPipelineServesTheSamePredictionsInAProcessWithoutMLExtensions(string task)
    {
        var model = Fit(task);
        string path = SaveAsMLNet(model);
        try
        {
            var served = PlainMLNetProcess.Predict(path, task, "Features", TestData.Features(_test));
            var scored = model.Transform(TestData.View(_mlContext, _test));

            var transformers = served.GetProperty("Transformers").EnumerateArray().Select(t => t.GetString()!).ToArray();
            Assert.DoesNotContain(transformers, t => t.StartsWith("MLExtensions", StringComparison.Ordinal));
            var predictions = served.GetProperty("Predictions").EnumerateArray().ToArray();
            Close.Equal(TestData.Floats(scored, "Score"), predictions.SelectMany(p => Floats(p.GetProperty("Score"))).ToArray(), "Score");
            switch (task)
            {
                case "binary":
                    Close.Equal(TestData.Floats(scored, "Probability"), predictions.SelectMany(p => Floats(p.GetProperty("Probability"))).ToArray(), "Probability");
                    Assert.Equal(TestData.Floats(scored, "PredictedLabel").Select(v => v == 1), predictions.Select(p => p.GetProperty("PredictedLabel")[0].GetBoolean()));
                    break;
                case "multiclass":
                    Assert.Equal(Labels(scored), predictions.Select(p => p.GetProperty("PredictedLabel")[0].GetString()!));
                    break;
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<float> Floats(JsonElement score) =>
        score.ValueKind == JsonValueKind.Array ? score.EnumerateArray().Select(v => v.GetSingle()) : new[] { score.GetSingle() };

    private static string[] Labels(IDataView scored) =>
        scored.GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(l => l.ToString()).ToArray();

    [Fact]
    public void TheZipHoldsTheOnnxModelAndLoadsWithMLNetsOwnTransformersAndColumnTypes()
    {
        var model = Fit("multiclass");
        var keyedModel = new TransformerChain<ITransformer>(((IEnumerable<ITransformer>)model).SkipLast(1).ToArray());
        string path = SaveAsMLNet(keyedModel);
        try
        {
            using (var zip = ZipFile.OpenRead(path))
                Assert.Contains(zip.Entries, e => e.FullName.EndsWith("OnnxModel", StringComparison.Ordinal) && e.Length > 1000);

            var loaded = new MLContext().Model.Load(path, out _);
            var data = TestData.View(_mlContext, _test);
            var expected = keyedModel.Transform(data).Schema;
            var actual = loaded.Transform(data).Schema;
            // One-value columns come back from ApplyOnnxModel as vectors of size 1 (ML.NET 5.0.1 reads no rank-0 output).
            Assert.Equal(expected["PredictedLabel"].Type, ((VectorDataViewType)actual["PredictedLabel"].Type).ItemType);
            Assert.Equal(1, ((VectorDataViewType)actual["PredictedLabel"].Type).Size);
            Assert.Equal(expected["Score"].Type, actual["Score"].Type);
            Assert.Equal(Annotation(expected["PredictedLabel"], "KeyValues"), Annotation(actual["PredictedLabel"], "KeyValues"));
            Assert.Equal(Annotation(expected["Score"], "SlotNames"), Annotation(actual["Score"], "SlotNames"));
            Assert.Equal(keyedModel.Transform(data).GetColumn<uint>("PredictedLabel"), loaded.Transform(data).GetColumn<uint[]>("PredictedLabel").Select(k => k.Single()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string[] Annotation(DataViewSchema.Column column, string kind)
    {
        var values = default(VBuffer<ReadOnlyMemory<char>>);
        column.Annotations.GetValue(kind, ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }

    [Fact]
    public void APipelineOfMLNetTransformsAndOurScalersSavesWithModelSaveDirectly()
    {
        var data = TestData.View(_mlContext, _train);
        var model = _mlContext.Transforms.Standardize("Features").Append(_mlContext.Transforms.ScaleMinMax("Features", min: 2, max: 3))
            .Append(_mlContext.Transforms.Concatenate("All", "Features", nameof(FeatureRow.Target))).Fit(data);
        using var stream = new MemoryStream();
        _mlContext.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);

        var test = TestData.View(_mlContext, _test);
        Assert.Equal(TestData.Floats(model.Transform(test), "All"), TestData.Floats(loaded.Transform(test), "All"));
    }
}
