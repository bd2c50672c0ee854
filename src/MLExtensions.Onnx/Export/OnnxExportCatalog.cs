using Google.Protobuf;
using Microsoft.ML;
using MLExtensions.Onnx.Graph;

namespace MLExtensions.Onnx;

/// <summary>
/// Exports a fitted pipeline of MLExtensions transformers (MLP transformers of every task, <c>Standardize</c>,
/// <c>ScaleMinMax</c> and their inverses) as one ONNX model, for ONNX Runtime or any
/// other ONNX consumer. The graph reads each input column as a float tensor named after it ([N, size] for a vector,
/// [N] for a scalar) and gives every column the pipeline writes under its ML.NET name: <c>Score</c>,
/// <c>Probability</c> and <c>PredictedLabel</c> (Boolean for binary; for multiclass the key as UInt32, class i + 1,
/// 0 for a missing prediction, with the class names in the model's metadata under "PredictedLabel.KeyValues").
/// Operator set 13, IR version 7.
/// </summary>
public static class OnnxExportCatalog
{
    public static void ExportToOnnx(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        // The whole graph is built before a byte is written, so a model the exporter cannot express leaves nothing behind.
        var bytes = ToOnnxBytes(model, inputSchema);
        stream.Write(bytes);
    }

    public static void ExportToOnnx(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var bytes = ToOnnxBytes(model, inputSchema);
        File.WriteAllBytes(filePath, bytes);
    }

    internal static byte[] ToOnnxBytes(ITransformer model, DataViewSchema inputSchema) =>
        PipelineGraph.Build(model, inputSchema, OnnxLayout.Batch, PredictedLabelForm.Key).ToByteArray();
}
