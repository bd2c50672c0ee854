using Microsoft.ML.Internal;

namespace Microsoft.ML;

/// <summary>
/// Handed to <see cref="ICanSaveModel.Save"/>. As in ML.NET its only public member is <see cref="Dispose"/>:
/// only the shim's own transformers can write through it (internal members), so a third-party transformer
/// cannot put its state into a model file, and <see cref="ModelOperationsCatalog.Save(ITransformer, DataViewSchema, Stream)"/>
/// fails for it just as the real one does.
/// </summary>
public sealed class ModelSaveContext : IDisposable
{
    internal ModelSaveContext(BinaryWriter writer)
    {
        Writer = writer;
    }

    internal BinaryWriter Writer { get; }

    /// <summary>Set by a shim transformer when it has written itself; checked after each Save call.</summary>
    internal string? LoaderSignature { get; private set; }

    internal void SetLoaderSignature(string signature)
    {
        LoaderSignature = signature;
        Writer.Write(signature);
    }

    /// <summary>Writes a nested transformer (used by chains) into its own length-delimited section.</summary>
    internal void SaveModel(ICanSaveModel model) => ModelFormat.WriteModel(Writer, model);

    public void Dispose()
    {
    }
}
