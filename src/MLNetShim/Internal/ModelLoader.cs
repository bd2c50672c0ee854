using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.Internal;

/// <summary>
/// Maps loader signatures to the shim transformers that wrote them; the shim's stand-in for ML.NET's
/// LoadableClass registry (which is internal there too).
/// </summary>
internal sealed class ModelLoader
{
    private readonly IHostEnvironment _env;

    internal ModelLoader(IHostEnvironment env)
    {
        _env = env;
    }

    internal ITransformer ReadModel(BinaryReader reader)
    {
        long length = reader.ReadInt64();
        long end = reader.BaseStream.CanSeek ? reader.BaseStream.Position + length : -1;
        string signature = reader.ReadString();
        ITransformer model = signature switch
        {
            TransformerChain<ITransformer>.LoaderSignature => TransformerChain<ITransformer>.Load(reader, this),
            ValueToKeyMappingTransformer.LoaderSignature => ValueToKeyMappingTransformer.Load(_env, reader),
            KeyToValueMappingTransformer.LoaderSignature => KeyToValueMappingTransformer.Load(_env, reader),
            ColumnConcatenatingTransformer.LoaderSignature => ColumnConcatenatingTransformer.Load(_env, reader),
            _ => throw new InvalidDataException($"No shim loader for model signature '{signature}'."),
        };
        if (end >= 0 && reader.BaseStream.Position != end)
            throw new InvalidDataException($"Model section '{signature}' was not read to its end.");
        return model;
    }
}
