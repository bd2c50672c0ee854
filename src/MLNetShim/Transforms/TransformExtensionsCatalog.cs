using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML;

/// <summary>Column plumbing on <c>mlContext.Transforms</c> (only Concatenate is mirrored).</summary>
public static class TransformExtensionsCatalog
{
    public static ColumnConcatenatingEstimator Concatenate(this TransformsCatalog catalog, string outputColumnName, params string[] inputColumnNames)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ColumnConcatenatingEstimator(((IInternalCatalog)catalog).Environment, outputColumnName, inputColumnNames);
    }
}
