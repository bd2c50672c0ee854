using Microsoft.ML.Runtime;

namespace Microsoft.ML.Internal;

/// <summary>
/// The shim's own model file format (not ML.NET's zip): a header, the input schema, then the model as
/// nested, length-prefixed sections. Each section is written by the transformer's own
/// <see cref="ICanSaveModel.Save"/>, so a transformer that cannot save itself fails the whole save.
/// </summary>
internal static class ModelFormat
{
    private const string Magic = "MLNetShimModel";
    private const int Version = 1;

    internal static void Save(ITransformer? model, DataViewSchema? inputSchema, Stream stream)
    {
        // Serialize fully in memory first so a failing transformer leaves the target stream untouched.
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(inputSchema != null);
            if (inputSchema != null)
                SchemaCodec.Write(writer, inputSchema);
            writer.Write(model != null);
            if (model != null)
                WriteModel(writer, model);
        }
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    internal static void WriteModel(BinaryWriter writer, ICanSaveModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var section = new MemoryStream();
        using (var sectionWriter = new BinaryWriter(section, System.Text.Encoding.UTF8, leaveOpen: true))
        using (var ctx = new ModelSaveContext(sectionWriter))
        {
            model.Save(ctx);
            // A Save that returns without writing anything (all a third-party transformer can do with the
            // public API) is an error, as in ML.NET, rather than a silently unloadable file.
            if (ctx.LoaderSignature is null)
                throw new InvalidOperationException($"Model of type '{model.GetType()}' did not save itself: no loader signature was specified.");
        }
        writer.Write(section.Length);
        writer.Write(section.GetBuffer(), 0, (int)section.Length);
    }

    internal static ITransformer? Load(IHostEnvironment env, Stream stream, out DataViewSchema? inputSchema)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadString() != Magic)
            throw new InvalidDataException("Not a model saved by the ML.NET shim.");
        int version = reader.ReadInt32();
        if (version != Version)
            throw new InvalidDataException($"Unsupported shim model version {version}.");
        inputSchema = reader.ReadBoolean() ? SchemaCodec.Read(reader) : null;
        return reader.ReadBoolean() ? new ModelLoader(env).ReadModel(reader) : null;
    }
}
