using Microsoft.ML;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;
using MLExtensions.Onnx.Graph;
using MLExtensions.Onnx.Tests.Support;
using MLExtensions.Transforms;

namespace MLExtensions.Onnx.Tests.Export;

/// <summary>What the exporter cannot express fails with a message naming it, and writes nothing.</summary>
public class UnsupportedExportTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [Fact]
    public void AnMLNetTransformerTheExporterCannotExpressIsNamedAndNothingIsWritten()
    {
        var data = TestData.View(_mlContext, TestData.Rows(40, seed: 1));
        var model = _mlContext.Transforms.Conversion.MapValueToKey("LabelKey", nameof(FeatureRow.ClassLabel))
            .Append(_mlContext.Transforms.Standardize("Features")).Fit(data);
        using var stream = new MemoryStream();

        var error = Assert.Throws<NotSupportedException>(() => { _mlContext.Model.ExportToOnnx(model, data.Schema, stream); });
        Assert.Contains("Step 0", error.Message);
        Assert.Contains("ValueToKeyMappingTransformer", error.Message);
        Assert.Equal(0, stream.Length);
    }

    private sealed class Cube : Activation
    {
        public override string Name => "cube";
        public override void Forward(ReadOnlySpan<float> input, Span<float> output)
        {
            for (int i = 0; i < input.Length; i++)
                output[i] = input[i] * input[i] * input[i];
        }
        public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient) =>
            throw new NotSupportedException();
    }

    private sealed class Doubling : Layer
    {
        public override string Kind => "doubling";
        protected override int ComputeOutputSize(int inputSize) => inputSize;
        public override void Forward(LayerContext context, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch, int batch) { }
        public override void Backward(LayerContext context, BackwardPass pass) { }
        public override string Describe() => "doubling";
    }

    [Fact]
    public void AnActivationOrLayerOfAnotherAssemblyIsRefusedByName()
    {
        var ops = new OnnxOps(new OnnxGraphBuilder("test"));
        var activation = Assert.Throws<NotSupportedException>(() => NetworkGraph.Apply(ops, new Network(2, new DenseLayer(3, new Cube())), "x"));
        Assert.Contains("'cube'", activation.Message);

        var layer = Assert.Throws<NotSupportedException>(() => NetworkGraph.Apply(ops, new Network(2, new DenseLayer(3), new Doubling()), "x"));
        Assert.Contains("Layer 1", layer.Message);
        Assert.Contains("'doubling'", layer.Message);
    }

    [Fact]
    public void AFeatureColumnOfAnotherTypeIsRefused()
    {
        var model = Trained.Regression(_mlContext, TestData.View(_mlContext, TestData.Rows(40, seed: 2)));
        var schema = new DataViewSchema.Builder();
        schema.AddColumn("Features", new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Double, 4));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _mlContext.Model.ExportToOnnx(model, schema.ToSchema(), new MemoryStream()));
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("Single", error.Message);
    }
}
