using Microsoft.ML;

namespace MLExtensions.Distributed;

/// <summary>A fitted pipeline as bytes and back, through <see cref="PipelineFile"/> (ML.NET's transformers in ML.NET's own
/// format, ours in ours), so a fold's model can come back from the silo that fitted it.</summary>
internal static class ModelBytes
{
    public static byte[] Save(MLContext mlContext, ITransformer model, DataViewSchema inputSchema)
    {
        using var stream = new MemoryStream();
        mlContext.Model.SavePipeline(model, inputSchema, stream);
        return stream.ToArray();
    }

    public static ITransformer Load(MLContext mlContext, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return mlContext.Model.LoadPipeline(stream, out _);
    }
}
