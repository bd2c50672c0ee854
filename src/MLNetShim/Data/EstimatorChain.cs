using Microsoft.ML.Runtime;

namespace Microsoft.ML.Data;

/// <summary>An immutable sequence of estimators; Append returns a new chain, so partial pipelines can be shared.</summary>
public sealed class EstimatorChain<TLastTransformer> : IEstimator<TransformerChain<TLastTransformer>>
    where TLastTransformer : class, ITransformer
{
    private readonly IEstimator<ITransformer>[] _estimators;
    private readonly TransformerScope[] _scopes;

    public readonly IEstimator<TLastTransformer> LastEstimator;

    public EstimatorChain()
        : this(Array.Empty<IEstimator<ITransformer>>(), Array.Empty<TransformerScope>())
    {
    }

    private EstimatorChain(IEstimator<ITransformer>[] estimators, TransformerScope[] scopes)
    {
        _estimators = estimators;
        _scopes = scopes;
        // Empty chains have no last estimator (null, as in ML.NET).
        LastEstimator = (estimators.Length == 0 ? null : estimators[^1] as IEstimator<TLastTransformer>)!;
    }

    public TransformerChain<TLastTransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Validate the whole pipeline up front so a late schema error does not cost a long training run.
        GetOutputSchema(SchemaShape.Create(input.Schema));

        var current = input;
        var fitted = new ITransformer[_estimators.Length];
        for (int i = 0; i < _estimators.Length; i++)
        {
            fitted[i] = _estimators[i].Fit(current);
            if (i < _estimators.Length - 1)
                current = fitted[i].Transform(current);
        }
        return new TransformerChain<TLastTransformer>(fitted, _scopes);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var shape = inputSchema;
        foreach (var estimator in _estimators)
            shape = estimator.GetOutputSchema(shape);
        return shape;
    }

    public EstimatorChain<TNewTrans> Append<TNewTrans>(IEstimator<TNewTrans> estimator, TransformerScope scope = TransformerScope.Everything)
        where TNewTrans : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<TNewTrans>(
            _estimators.Append((IEstimator<ITransformer>)estimator).ToArray(),
            _scopes.Append(scope).ToArray());
    }

    /// <summary>The shim never caches (its data views are in memory); the checkpoint is accepted and ignored.</summary>
    public EstimatorChain<TLastTransformer> AppendCacheCheckpoint(IHostEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return new EstimatorChain<TLastTransformer>(_estimators, _scopes);
    }
}
