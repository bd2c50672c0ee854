namespace Microsoft.ML;

/// <summary>Covariant, as in ML.NET, so any estimator can sit in an <c>IEstimator&lt;ITransformer&gt;</c> pipeline.</summary>
public interface IEstimator<out TTransformer>
    where TTransformer : ITransformer
{
    TTransformer Fit(IDataView input);

    SchemaShape GetOutputSchema(SchemaShape inputSchema);
}
