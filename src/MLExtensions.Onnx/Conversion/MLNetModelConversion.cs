using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Onnx.Conversion;
using MLExtensions.Onnx.Graph;
using MLExtensions.Trainers;
using MLExtensions.Transforms;
using MLExtensions.Transforms.Mapping;

namespace MLExtensions.Onnx;

/// <summary>
/// Turns a fitted pipeline into one made only of ML.NET's own transformers, which <c>mlContext.Model.Save</c>
/// writes as an ordinary ML.NET model zip that any program with <c>Microsoft.ML</c> and
/// <c>Microsoft.ML.OnnxTransformer</c> loads and serves (no MLExtensions needed):
/// <list type="bullet">
/// <item>ML.NET's transformers stay as they are; <c>Standardize</c> and <c>ScaleMinMax</c> become the ML.NET normalizers
/// (and Expression transforms) they already run as;</item>
/// <item>each MLP transformer becomes <c>ApplyOnnxModel</c> on its exported network, giving the same <c>Score</c>,
/// <c>Probability</c> and <c>PredictedLabel</c> columns; for multiclass, a <c>MapValueToKey</c> with the label's
/// classes as key data turns the predicted class back into the key typed <c>PredictedLabel</c> carrying the label's
/// KeyValues, and <c>Score</c> keeps its slot names;</item>
/// <item>an inverse scaling becomes <c>ApplyOnnxModel</c> on its exported graph.</item>
/// </list>
/// <c>ApplyOnnxModel</c> keeps the ONNX model's bytes: <c>Model.Save</c> stores them inside the zip, so the zip is
/// the whole model. One difference from the original: ML.NET's OnnxTransformer cannot read a rank-0 output, so the
/// one-value columns (binary <c>Score</c>, <c>Probability</c> and <c>PredictedLabel</c>, a single regression
/// <c>Score</c>) come out as vectors of size 1.
/// </summary>
public static class MLNetModelConversion
{
    /// <summary>Converts a fitted pipeline, step by step, into a chain of ML.NET's own transformers that computes the same
    /// columns (see the class summary). Nothing is fitted on data: the ONNX graphs carry the trained weights.</summary>
    /// <param name="catalog">The context's <c>Model</c> catalog.</param>
    /// <param name="model">A fitted transformer or chain of them (nested chains are flattened).</param>
    /// <param name="inputSchema">The schema of the data <paramref name="model"/> reads.</param>
    /// <returns>The converted chain, ready for <c>Transform</c> or <c>mlContext.Model.Save</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">A step of ours has no ML.NET or ONNX form (a custom layer or activation, an
    /// unknown loss); the message names the step, layer or activation.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A step reads a column that <paramref name="inputSchema"/> and the
    /// earlier steps do not provide, or that holds another type or size than the step was fitted on.</exception>
    public static TransformerChain<ITransformer> ConvertToMLNetModel(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        // ApplyOnnxModel and MapValueToKey need a TransformsCatalog, which a ModelOperationsCatalog does not expose;
        // both are deterministic, so a context of their own changes nothing they compute.
        var mlContext = new MLContext();
        var converted = new List<ITransformer>();
        var schema = inputSchema;
        int index = 0;
        foreach (var step in PipelineSteps.Flatten(model))
        {
            switch (step)
            {
                case ScalingTransformerBase scaler:
                    converted.AddRange(PipelineSteps.Flatten(scaler.MLNetTransformer));
                    break;
                case MlpTransformerBase or InverseScalingTransformer:
                    converted.AddRange(ViaOnnx(mlContext, step, schema));
                    break;
                case MappingTransformerBase:
                    throw new NotSupportedException($"Step {index} of the pipeline is a {step.GetType().Name}, which has no ML.NET equivalent.");
                default:
                    converted.Add(step);
                    break;
            }
            schema = step.GetOutputSchema(schema);
            index++;
        }
        return new TransformerChain<ITransformer>(converted.ToArray());
    }

    /// <summary>Converts <paramref name="model"/> (see <see cref="ConvertToMLNetModel"/>) and saves it with ML.NET's
    /// <c>Model.Save</c>. The zip is made whole in memory first, so a conversion or save that fails writes nothing to
    /// <paramref name="stream"/>; the stream is neither flushed nor closed.</summary>
    /// <param name="catalog">The context's <c>Model</c> catalog.</param>
    /// <param name="model">A fitted transformer or chain of them.</param>
    /// <param name="inputSchema">The schema of the data <paramref name="model"/> reads; saved in the zip as ML.NET
    /// saves it.</param>
    /// <param name="stream">Where the zip's bytes go, from its current position; writable.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException">A step cannot be converted (see
    /// <see cref="ConvertToMLNetModel"/>).</exception>
    public static void SaveAsMLNetModel(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var converted = catalog.ConvertToMLNetModel(model, inputSchema);
        // Saved whole into memory first: a conversion or save that fails leaves nothing half-written in the caller's stream.
        using var buffer = new MemoryStream();
        catalog.Save(converted, inputSchema, buffer);
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    /// <summary>As the stream overload, into the file <paramref name="filePath"/>, which is written (replacing a file
    /// already there) only once the model is whole.</summary>
    /// <param name="catalog">The context's <c>Model</c> catalog.</param>
    /// <param name="model">A fitted transformer or chain of them.</param>
    /// <param name="inputSchema">The schema of the data <paramref name="model"/> reads; saved in the zip as ML.NET
    /// saves it.</param>
    /// <param name="filePath">The zip file to write; its folder must exist.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> is empty.</exception>
    /// <exception cref="NotSupportedException">A step cannot be converted (see
    /// <see cref="ConvertToMLNetModel"/>).</exception>
    public static void SaveAsMLNetModel(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        using var buffer = new MemoryStream();
        catalog.SaveAsMLNetModel(model, inputSchema, buffer);
        File.WriteAllBytes(filePath, buffer.ToArray());
    }

    private static IEnumerable<ITransformer> ViaOnnx(MLContext mlContext, ITransformer step, DataViewSchema schema)
    {
        var onnx = PipelineGraph.Build(step, schema, OnnxLayout.SingleRow, PredictedLabelForm.Value).ToByteArray();
        var applied = mlContext.Transforms.ApplyOnnxModel(new MemoryStream(onnx)).Fit(new SchemaOnlyDataView(schema));
        yield return applied;
        if (step is not MlpMulticlassTransformer multiclass)
            yield break;

        var predicted = step.GetOutputSchema(schema)["PredictedLabel"];
        var classes = ClassValues.Read(predicted);
        var keyData = classes is null
            ? KeyData(mlContext, Enumerable.Range(1, multiclass.ClassCount).Select(k => (uint)k).ToArray())
            : KeyData(mlContext, classes.Values);
        yield return mlContext.Transforms.Conversion
            .MapValueToKey("PredictedLabel", "PredictedLabel", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, keyData: keyData)
            .Fit(new SchemaOnlyDataView(applied.GetOutputSchema(schema)));
    }

    /// <summary>A one-column data view of the class values in key order, typed as the label's values.</summary>
    private static IDataView KeyData(MLContext mlContext, Array values)
    {
        var method = typeof(MLNetModelConversion).GetMethod(nameof(KeyDataOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(values.GetType().GetElementType()!);
        return (IDataView)method.Invoke(null, new object[] { mlContext, values })!;
    }

    private static IDataView KeyDataOf<T>(MLContext mlContext, T[] values) =>
        mlContext.Data.LoadFromEnumerable(values.Select(v => new KeyRow<T> { Value = v }).ToList());

    private sealed class KeyRow<T>
    {
        public T Value { get; set; } = default!;
    }
}
