using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML;

/// <summary>Key conversions on <c>mlContext.Transforms.Conversion</c>.</summary>
public static class ConversionsExtensionsCatalog
{
    public static KeyToValueMappingEstimator MapKeyToValue(this TransformsCatalog.ConversionTransforms catalog, string outputColumnName, string? inputColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KeyToValueMappingEstimator(((IInternalCatalog)catalog).Environment, outputColumnName, inputColumnName);
    }

    public static ValueToKeyMappingEstimator MapValueToKey(this TransformsCatalog.ConversionTransforms catalog,
        string outputColumnName,
        string? inputColumnName = null,
        int maximumNumberOfKeys = 1000000,
        ValueToKeyMappingEstimator.KeyOrdinality keyOrdinality = ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence,
        bool addKeyValueAnnotationsAsText = false,
        IDataView? keyData = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (string.IsNullOrEmpty(outputColumnName))
            throw new ArgumentNullException(nameof(outputColumnName));
        var column = new ValueToKeyColumn(outputColumnName, inputColumnName ?? outputColumnName, maximumNumberOfKeys, keyOrdinality, addKeyValueAnnotationsAsText);
        return new ValueToKeyMappingEstimator(((IInternalCatalog)catalog).Environment, new[] { column }, keyData);
    }
}
