using Microsoft.ML.Data;
using Microsoft.ML.Internal;
using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>
/// Saving, loading and prediction engines (<c>mlContext.Model</c>). Saved files use the shim's own format,
/// readable only by the shim; each transformer writes itself through <see cref="ICanSaveModel.Save"/>.
/// </summary>
public sealed class ModelOperationsCatalog : IInternalCatalog
{
    internal ModelOperationsCatalog(IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        Environment = env;
    }

    IHostEnvironment IInternalCatalog.Environment => Environment;

    internal IHostEnvironment Environment { get; }

    public void Save(ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ModelFormat.Save(model, inputSchema, stream);
    }

    public void Save(ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        if (string.IsNullOrEmpty(filePath))
            throw new ArgumentNullException(nameof(filePath));
        // Serialize before creating the file so a failed save leaves no half-written model behind.
        using var buffer = new MemoryStream();
        Save(model, inputSchema, buffer);
        File.WriteAllBytes(filePath, buffer.ToArray());
    }

    public ITransformer Load(Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var model = ModelFormat.Load(Environment, stream, out var schema);
        inputSchema = schema!;
        return model!;
    }

    public ITransformer Load(string filePath, out DataViewSchema inputSchema)
    {
        if (string.IsNullOrEmpty(filePath))
            throw new ArgumentNullException(nameof(filePath));
        using var stream = File.OpenRead(filePath);
        return Load(stream, out inputSchema);
    }

    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, bool ignoreMissingColumns = true,
        SchemaDefinition? inputSchemaDefinition = null, SchemaDefinition? outputSchemaDefinition = null)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(transformer);
        if (inputSchemaDefinition != null || outputSchemaDefinition != null)
            throw new NotSupportedException("The ML.NET shim does not support SchemaDefinition.");
        return new PredictionEngine<TSrc, TDst>(Environment, transformer, ignoreMissingColumns);
    }

    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, DataViewSchema inputSchema)
        where TSrc : class
        where TDst : class, new()
    {
        ArgumentNullException.ThrowIfNull(transformer);
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new PredictionEngine<TSrc, TDst>(Environment, transformer, ignoreMissingColumns: false, inputSchema: inputSchema);
    }
}
