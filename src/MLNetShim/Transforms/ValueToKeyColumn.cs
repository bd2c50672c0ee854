namespace Microsoft.ML.Transforms;

/// <summary>The shim's counterpart of ML.NET's internal ValueToKeyMappingEstimator.ColumnOptions.</summary>
internal sealed record ValueToKeyColumn(string OutputColumnName, string InputColumnName, int MaximumNumberOfKeys,
    ValueToKeyMappingEstimator.KeyOrdinality KeyOrdinality, bool AddKeyValueAnnotationsAsText);
