using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Engine.Activations;
using MLExtensions.Onnx.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Onnx.Tests.Export;

/// <summary>
/// Trained models of every task, activation and layer kind, exported and run in ONNX Runtime on random rows
/// (including rows outside the training range): every output equals the transformer's own Transform within
/// 1e-5 relative (see <see cref="Close"/>).
/// </summary>
public class ExportedModelTests
{
    private readonly MLContext _mlContext = new(seed: 1);
    private readonly FeatureRow[] _train = TestData.Rows(160, seed: 11);
    private readonly FeatureRow[] _test = TestData.Rows(120, seed: 12, spread: 5f);

    private Dictionary<string, Array> RunExported(ITransformer model, IDataView data)
    {
        using var stream = new MemoryStream();
        _mlContext.Model.ExportToOnnx(model, data.Schema, stream);
        return OnnxRunner.Run(stream.ToArray(), new Dictionary<string, float[][]> { ["Features"] = TestData.Features(_test) });
    }

    private void AssertScoresLikeTransform(ITransformer model, params string[] columns)
    {
        var test = TestData.View(_mlContext, _test);
        var onnx = RunExported(model, test);
        var scored = model.Transform(test);
        foreach (var column in columns)
            Close.Equal(TestData.Floats(scored, column), TestData.AsFloats(onnx[column]), column);
    }

    public static TheoryData<ActivationKind> Activations
    {
        get
        {
            var data = new TheoryData<ActivationKind>();
            foreach (var kind in Enum.GetValues<ActivationKind>())
                data.Add(kind);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void ExportedRegressionModelWithEachActivationScoresLikeTransform(ActivationKind activation)
    {
        var layers = new[] { MlpLayer.Dense(8, activation), MlpLayer.Dense(6, ActivationKind.Identity), MlpLayer.ActivationOnly(activation) };
        AssertScoresLikeTransform(Trained.Regression(_mlContext, TestData.View(_mlContext, _train), layers), "Score");
    }

    public static TheoryData<string> LayerKinds => new() { "batch_normalization", "prelu", "dropout", "alpha_dropout", "dense_without_bias", "activation" };

    private static MlpLayer[] Layers(string kind) => kind switch
    {
        "batch_normalization" => new[] { MlpLayer.Dense(8, ActivationKind.Identity, useBias: false), MlpLayer.BatchNormalization(momentum: 0.5f), MlpLayer.ActivationOnly(ActivationKind.Relu) },
        "prelu" => new[] { MlpLayer.Dense(8, ActivationKind.Identity), MlpLayer.PRelu(0.1f) },
        "dropout" => new[] { MlpLayer.Dense(8, ActivationKind.Relu), MlpLayer.Dropout(0.3f) },
        "alpha_dropout" => new[] { MlpLayer.Dense(8, ActivationKind.Selu), MlpLayer.AlphaDropout(0.2f) },
        "dense_without_bias" => new[] { MlpLayer.Dense(8, ActivationKind.Tanh, useBias: false) },
        _ => new[] { MlpLayer.Dense(8, ActivationKind.Identity), MlpLayer.ActivationOnly(ActivationKind.Softplus) },
    };

    [Theory]
    [MemberData(nameof(LayerKinds))]
    public void ExportedModelWithEachLayerKindScoresLikeTransformForEveryTask(string kind)
    {
        var train = TestData.View(_mlContext, _train);
        AssertScoresLikeTransform(Trained.Regression(_mlContext, train, Layers(kind)), "Score");
        AssertScoresLikeTransform(Trained.Binary(_mlContext, train, Layers(kind)), "Score", "Probability", "PredictedLabel");
        AssertScoresLikeTransform(Trained.Multiclass(_mlContext, train, Layers(kind)), "Score", "PredictedLabel");
    }

    [Fact]
    public void BatchNormalizationStatisticsAreTheTrainedOnes()
    {
        var model = (MlpRegressionTransformer)Trained.Regression(_mlContext, TestData.View(_mlContext, _train), Layers("batch_normalization"));
        var layer = model.Model.Network.Layers.OfType<MLExtensions.Engine.Layers.BatchNormalizationLayer>().Single();
        // Four epochs at momentum 0.5 move the moving statistics well away from their initial 0 and 1.
        Assert.Contains(layer.MovingMean.ToArray(), m => Math.Abs(m) > 0.1f);
        Assert.Contains(layer.MovingVariance.ToArray(), v => Math.Abs(v - 1) > 0.1f);
        AssertScoresLikeTransform(model, "Score");
    }

    [Fact]
    public void ExportedBinaryModelScoresLikeTransform()
    {
        var model = Trained.Binary(_mlContext, TestData.View(_mlContext, _train));
        AssertScoresLikeTransform(model, "Score", "Probability", "PredictedLabel");
        var onnx = RunExported(model, TestData.View(_mlContext, _test));
        Assert.IsType<bool[]>(onnx["PredictedLabel"]);
        Assert.Equal(_test.Length, onnx["Score"].Length);
    }

    [Fact]
    public void ExportedMulticlassModelGivesSoftmaxScoresKeysAndClassNames()
    {
        var model = Trained.Multiclass(_mlContext, TestData.View(_mlContext, _train));
        AssertScoresLikeTransform(model, "Score", "PredictedLabel");

        using var stream = new MemoryStream();
        _mlContext.Model.ExportToOnnx(model, TestData.View(_mlContext, _test).Schema, stream);
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(stream.ToArray());
        var keyValues = session.ModelMetadata.CustomMetadataMap["PredictedLabel.KeyValues"];
        var expectedOrder = KeyValues(model.Transform(TestData.View(_mlContext, _test)));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expectedOrder), keyValues);
        Assert.Equal(new[] { -1L, 3L }, session.OutputMetadata["Score"].Dimensions.Select(d => (long)d));
        Assert.Equal(typeof(uint), session.OutputMetadata["PredictedLabel"].ElementType);
    }

    private static string[] KeyValues(IDataView scored)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        scored.Schema["PredictedLabel"].Annotations.GetValue("KeyValues", ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    [Fact]
    public void ExportedRegressionModelWithSeveralTargetsGivesAScoreVector()
    {
        var model = Trained.Regression(_mlContext, TestData.View(_mlContext, _train), label: nameof(FeatureRow.Targets));
        AssertScoresLikeTransform(model, "Score");
        Assert.Equal(2 * _test.Length, RunExported(model, TestData.View(_mlContext, _test))["Score"].Length);
    }

    [Fact]
    public void RowsWithNaNFeaturesGiveNaNScoresAndAMissingKeyAsTransformDoes()
    {
        var last = Trained.Multiclass(_mlContext, TestData.View(_mlContext, _train));
        var rows = TestData.Rows(3, seed: 5);
        rows[1].Features[2] = float.NaN;
        var data = TestData.View(_mlContext, rows);
        using var stream = new MemoryStream();
        _mlContext.Model.ExportToOnnx(last, data.Schema, stream);
        var onnx = OnnxRunner.Run(stream.ToArray(), new Dictionary<string, float[][]> { ["Features"] = TestData.Features(rows) });

        var keys = (uint[])onnx["PredictedLabel"];
        Assert.Equal(TestData.Floats(last.Transform(data), "PredictedLabel"), keys.Select(k => (float)k));
        Assert.Equal(0u, keys[1]);
        Assert.True(((float[])onnx["Score"]).Skip(3).Take(3).All(float.IsNaN));
    }
}
