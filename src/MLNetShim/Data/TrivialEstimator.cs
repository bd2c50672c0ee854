using Microsoft.ML.Runtime;

namespace Microsoft.ML.Data;

/// <summary>An estimator whose transformer needs no training; Fit only validates the input schema.</summary>
public abstract class TrivialEstimator<TTransformer> : IEstimator<TTransformer>
    where TTransformer : class, ITransformer
{
    private protected readonly IHost Host;

    private protected readonly TTransformer Transformer;

    private protected TrivialEstimator(IHost host, TTransformer transformer)
    {
        Host = host ?? throw new ArgumentNullException(nameof(host));
        Transformer = transformer ?? throw new ArgumentNullException(nameof(transformer));
    }

    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        return Transformer;
    }

    public abstract SchemaShape GetOutputSchema(SchemaShape inputSchema);
}
