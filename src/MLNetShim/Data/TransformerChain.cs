using Microsoft.ML.Internal;
using System.Collections;

namespace Microsoft.ML.Data;

/// <summary>
/// A fitted pipeline. Each transformer carries a scope so training-only steps can be dropped for scoring
/// (<see cref="GetModelFor"/>).
/// </summary>
public sealed class TransformerChain<TLastTransformer> : ITransformer, IEnumerable<ITransformer>, ITransformerChainAccessor, IDisposable
    where TLastTransformer : class, ITransformer
{
    internal const string LoaderSignature = "ShimTransformerChain";

    private readonly ITransformer[] _transformers;
    private readonly TransformerScope[] _scopes;

    public readonly TLastTransformer LastTransformer;

    public TransformerChain(IEnumerable<ITransformer> transformers, IEnumerable<TransformerScope> scopes)
    {
        ArgumentNullException.ThrowIfNull(transformers);
        ArgumentNullException.ThrowIfNull(scopes);
        _transformers = transformers.ToArray();
        _scopes = scopes.ToArray();
        if (_transformers.Length != _scopes.Length)
            throw new ArgumentException("One scope per transformer is required.", nameof(scopes));
        LastTransformer = LastAs(_transformers);
    }

    public TransformerChain(params ITransformer[] transformers)
    {
        _transformers = transformers?.ToArray() ?? Array.Empty<ITransformer>();
        _scopes = _transformers.Select(_ => TransformerScope.Everything).ToArray();
        LastTransformer = LastAs(_transformers);
    }

    bool ITransformer.IsRowToRowMapper => _transformers.All(t => t.IsRowToRowMapper);

    ITransformer[] ITransformerChainAccessor.Transformers => _transformers;

    TransformerScope[] ITransformerChainAccessor.Scopes => _scopes;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => GetOutputSchema(inputSchema, TransformerScope.Everything);

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema, TransformerScope scope)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var schema = inputSchema;
        for (int i = 0; i < _transformers.Length; i++)
        {
            if ((_scopes[i] & scope) != 0)
                schema = _transformers[i].GetOutputSchema(schema);
        }
        return schema;
    }

    public IDataView Transform(IDataView input) => Transform(input, TransformerScope.Everything);

    public IDataView Transform(IDataView input, TransformerScope scope)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Check the whole chain against the schema first so errors surface before any work.
        GetOutputSchema(input.Schema, scope);
        var current = input;
        for (int i = 0; i < _transformers.Length; i++)
        {
            if ((_scopes[i] & scope) != 0)
                current = _transformers[i].Transform(current);
        }
        return current;
    }

    public TransformerChain<ITransformer> GetModelFor(TransformerScope scopeFilter)
    {
        var kept = Enumerable.Range(0, _transformers.Length).Where(i => (_scopes[i] & scopeFilter) != 0).ToArray();
        return new TransformerChain<ITransformer>(kept.Select(i => _transformers[i]), kept.Select(i => _scopes[i]));
    }

    public TransformerChain<TNewLast> Append<TNewLast>(TNewLast transformer, TransformerScope scope = TransformerScope.Everything)
        where TNewLast : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return new TransformerChain<TNewLast>(_transformers.Append(transformer), _scopes.Append(scope));
    }

    IRowToRowMapper ITransformer.GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var mappers = new IRowToRowMapper[_transformers.Length];
        var schema = inputSchema;
        for (int i = 0; i < _transformers.Length; i++)
        {
            mappers[i] = _transformers[i].GetRowToRowMapper(schema);
            schema = mappers[i].OutputSchema;
        }
        return new CompositeRowToRowMapper(inputSchema, mappers);
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.SetLoaderSignature(LoaderSignature);
        ctx.Writer.Write(_transformers.Length);
        for (int i = 0; i < _transformers.Length; i++)
        {
            ctx.Writer.Write((int)_scopes[i]);
            ctx.SaveModel(_transformers[i]);
        }
    }

    internal static TransformerChain<ITransformer> Load(BinaryReader reader, ModelLoader loader)
    {
        int count = reader.ReadInt32();
        var transformers = new ITransformer[count];
        var scopes = new TransformerScope[count];
        for (int i = 0; i < count; i++)
        {
            scopes[i] = (TransformerScope)reader.ReadInt32();
            transformers[i] = loader.ReadModel(reader);
        }
        return new TransformerChain<ITransformer>(transformers, scopes);
    }

    public IEnumerator<ITransformer> GetEnumerator() => ((IEnumerable<ITransformer>)_transformers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var transformer in _transformers)
            (transformer as IDisposable)?.Dispose();
    }

    private static TLastTransformer LastAs(ITransformer[] transformers)
        => (transformers.Length == 0 ? null : transformers[^1] as TLastTransformer)!;
}
