using Microsoft.ML.Data;
using Microsoft.ML.Internal;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.Transforms;

/// <summary>Learns a value-to-key dictionary per column (see ConversionsExtensionsCatalog.MapValueToKey).</summary>
public sealed class ValueToKeyMappingEstimator : IEstimator<ValueToKeyMappingTransformer>
{
    private readonly IHost _host;
    private readonly ValueToKeyColumn[] _columns;
    private readonly IDataView? _keyData;

    internal ValueToKeyMappingEstimator(IHostEnvironment env, string outputColumnName, string? inputColumnName = null,
        int maximumNumberOfKeys = 1000000, KeyOrdinality keyOrdinality = KeyOrdinality.ByOccurrence)
        : this(env, new[] { new ValueToKeyColumn(outputColumnName, inputColumnName ?? outputColumnName, maximumNumberOfKeys, keyOrdinality, false) }, null)
    {
    }

    internal ValueToKeyMappingEstimator(IHostEnvironment env, ValueToKeyColumn[] columns, IDataView? keyData)
    {
        ArgumentNullException.ThrowIfNull(env);
        _host = env.Register(nameof(ValueToKeyMappingEstimator));
        _columns = columns;
        _keyData = keyData;
        foreach (var column in columns)
        {
            if (column.MaximumNumberOfKeys <= 0)
                throw new ArgumentOutOfRangeException(nameof(columns), "maximumNumberOfKeys must be positive.");
        }
    }

    public enum KeyOrdinality : byte
    {
        ByOccurrence = 0,
        ByValue = 1,
    }

    public ValueToKeyMappingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var maps = _columns.Select(c => _keyData is null
            ? KeyTermMap.Train(input, c.InputColumnName, c.MaximumNumberOfKeys, c.KeyOrdinality == KeyOrdinality.ByValue)
            : KeyTermMap.Train(_keyData, _keyData.Schema.First(k => !k.IsHidden).Name, c.MaximumNumberOfKeys, c.KeyOrdinality == KeyOrdinality.ByValue))
            .ToArray();
        return new ValueToKeyMappingTransformer(_host, _columns, maps);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var result = new Dictionary<string, SchemaShape.Column>();
        foreach (var existing in inputSchema)
            result[existing.Name] = existing;
        foreach (var column in _columns)
        {
            if (!inputSchema.TryFindColumn(column.InputColumnName, out var input))
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Input column '{column.InputColumnName}' not found");
            if (input.ItemType is not PrimitiveDataViewType || input.ItemType is RowIdDataViewType)
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Column '{column.InputColumnName}' has type {input.GetTypeString()}, which cannot be mapped to keys.");

            var annotations = new List<SchemaShape.Column>();
            if (input.Annotations.TryFindColumn("SlotNames", out var slotNames))
                annotations.Add(slotNames);
            var keyValuesItem = column.AddKeyValueAnnotationsAsText ? TextDataViewType.Instance : input.ItemType;
            annotations.Add(new SchemaShape.Column("KeyValues", SchemaShape.Column.VectorKind.Vector, keyValuesItem, input.IsKey));
            result[column.OutputColumnName] = new SchemaShape.Column(column.OutputColumnName, input.Kind,
                NumberDataViewType.UInt32, true, new SchemaShape(annotations));
        }
        return new SchemaShape(result.Values);
    }
}
