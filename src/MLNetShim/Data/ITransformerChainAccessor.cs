namespace Microsoft.ML.Data;

/// <summary>Internal in ML.NET too; lets the shim walk a chain of any TLastTransformer.</summary>
internal interface ITransformerChainAccessor
{
    ITransformer[] Transformers { get; }

    TransformerScope[] Scopes { get; }
}
