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
/// 0 for a missing prediction, with the class names as a JSON array in the model's metadata under
/// "PredictedLabel.KeyValues"). A written column whose name is also an input's leaves the graph as "name.output", the
/// suffix ML.NET's <c>ApplyOnnxModel</c> strips. Operator set 13, IR version 7.
/// </summary>
public static class OnnxExportCatalog
{
    /// <summary>Writes <paramref name="model"/> as one ONNX model to <paramref name="stream"/>, at its current position.
    /// The whole graph is built before anything is written, so a model that cannot be exported leaves the stream as it
    /// was. The stream is neither flushed nor closed.</summary>
    /// <param name="catalog">The context's <c>Model</c> catalog.</param>
    /// <param name="model">A fitted transformer or chain of them (nested chains are flattened), at least one step.</param>
    /// <param name="inputSchema">The schema of the data <paramref name="model"/> reads; the graph's inputs are the
    /// columns of it that the steps read.</param>
    /// <param name="stream">Where the model's bytes go; writable.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is an empty chain.</exception>
    /// <exception cref="NotSupportedException">A step of <paramref name="model"/> cannot be expressed in ONNX (an ML.NET
    /// transformer, a custom layer or activation, an unknown loss), or a graph input would not be Single or a known-size
    /// vector of Single; the message names the step, layer or column.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A step reads a column that neither <paramref name="inputSchema"/> nor
    /// an earlier step provides, or that holds another type or size than the step was fitted on; the message names
    /// the column.</exception>
    public static void ExportToOnnx(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        // The whole graph is built before a byte is written, so a model the exporter cannot express leaves nothing behind.
        var bytes = ToOnnxBytes(model, inputSchema);
        stream.Write(bytes);
    }

    /// <summary>Writes <paramref name="model"/> as one ONNX model to the file <paramref name="filePath"/>, replacing a
    /// file already there. The whole graph is built first, so a model that cannot be exported writes no file.</summary>
    /// <param name="catalog">The context's <c>Model</c> catalog.</param>
    /// <param name="model">A fitted transformer or chain of them (nested chains are flattened), at least one step.</param>
    /// <param name="inputSchema">The schema of the data <paramref name="model"/> reads; the graph's inputs are the
    /// columns of it that the steps read.</param>
    /// <param name="filePath">The file to write; its folder must exist.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/>, <paramref name="model"/>,
    /// <paramref name="inputSchema"/> or <paramref name="filePath"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is empty, or <paramref name="model"/> is an empty
    /// chain.</exception>
    /// <exception cref="NotSupportedException">A step of <paramref name="model"/> cannot be expressed in ONNX (an ML.NET
    /// transformer, a custom layer or activation, an unknown loss), or a graph input would not be Single or a known-size
    /// vector of Single; the message names the step, layer or column.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A step reads a column that neither <paramref name="inputSchema"/> nor
    /// an earlier step provides, or that holds another type or size than the step was fitted on; the message names
    /// the column.</exception>
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
