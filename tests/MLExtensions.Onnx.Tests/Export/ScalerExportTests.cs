using Microsoft.ML;
using MLExtensions.Onnx.Tests.Support;
using MLExtensions.Transforms;

namespace MLExtensions.Onnx.Tests.Export;

/// <summary>The scalers and their inverses in ONNX Runtime, alone and as one graph with an MLP, against Transform.</summary>
public class ScalerExportTests
{
    private readonly MLContext _mlContext = new(seed: 1);
    private readonly FeatureRow[] _train = TestData.Rows(100, seed: 21);
    private readonly FeatureRow[] _test = TestData.Rows(80, seed: 22, spread: 6f);

    private Dictionary<string, Array> Run(ITransformer model, FeatureRow[] rows)
    {
        using var stream = new MemoryStream();
        _mlContext.Model.ExportToOnnx(model, TestData.View(_mlContext, rows).Schema, stream);
        return OnnxRunner.Run(stream.ToArray(), new Dictionary<string, float[][]> { ["Features"] = TestData.Features(rows) });
    }

    public static TheoryData<string> Scalers => new() { "standardize", "min-max", "min-max [-3, 5] clipped", "min-max clipped" };

    private ScalingTransformerBase Fit(string kind, IDataView data) => kind switch
    {
        "standardize" => _mlContext.Transforms.Standardize("Scaled", "Features").Fit(data),
        "min-max" => _mlContext.Transforms.ScaleMinMax("Scaled", "Features").Fit(data),
        "min-max clipped" => _mlContext.Transforms.ScaleMinMax("Scaled", "Features", clip: true).Fit(data),
        _ => _mlContext.Transforms.ScaleMinMax("Scaled", "Features", min: -3, max: 5, clip: true).Fit(data),
    };

    [Theory]
    [MemberData(nameof(Scalers))]
    public void ExportedScalerAndItsInverseComputeWhatTheyComputeInMLNet(string kind)
    {
        var rows = _test.Take(79).Append(new FeatureRow { Features = new[] { float.NaN, 0f, 100f, -100f } }).ToArray();
        var scaler = Fit(kind, TestData.View(_mlContext, _train));
        var data = TestData.View(_mlContext, rows);

        Close.Equal(TestData.Floats(scaler.Transform(data), "Scaled"), (float[])Run(scaler, rows)["Scaled"], kind);

        var inverse = scaler is StandardizingTransformer s ? s.GetInverse() : ((MinMaxScalingTransformer)scaler).GetInverse();
        var both = scaler.Append(inverse);
        Close.Equal(TestData.Floats(both.Transform(data), "Features"), (float[])Run(both, rows)["Features.output"], $"{kind} inverse");
    }

    [Fact]
    public void APipelineOfScalersAndAnMlpBecomesOneGraphThatScoresLikeTransform()
    {
        var train = TestData.View(_mlContext, _train);
        var pipeline = _mlContext.Transforms.Standardize("Features")
            .Append(_mlContext.Transforms.ScaleMinMax("Features", min: -1, max: 1))
            .Append(_mlContext.Regression.Trainers.Mlp(Trained.Options<MLExtensions.Trainers.MlpRegressionTrainer.Options>(label: nameof(FeatureRow.Target))));
        var model = pipeline.Fit(train);
        var onnx = Run(model, _test);

        Close.Equal(TestData.Floats(model.Transform(TestData.View(_mlContext, _test)), "Score"), (float[])onnx["Score"], "Score");
        Assert.Equal(new[] { "Features.output", "Score" }, onnx.Keys.Order());
    }
}
