using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.Transforms;

/// <summary>Concatenates scalar and vector columns of one item type into a single vector column.</summary>
public sealed class ColumnConcatenatingEstimator : IEstimator<ColumnConcatenatingTransformer>
{
    private readonly IHostEnvironment _env;
    private readonly string _outputColumnName;
    private readonly string[] _inputColumnNames;

    internal ColumnConcatenatingEstimator(IHostEnvironment env, string outputColumnName, params string[] inputColumnNames)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (string.IsNullOrEmpty(outputColumnName))
            throw new ArgumentNullException(nameof(outputColumnName));
        if (inputColumnNames is null || inputColumnNames.Length == 0)
            throw new ArgumentException("At least one input column is required.", nameof(inputColumnNames));
        _env = env;
        _outputColumnName = outputColumnName;
        _inputColumnNames = inputColumnNames;
    }

    public ColumnConcatenatingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new ColumnConcatenatingTransformer(_env, _outputColumnName, _inputColumnNames);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var result = new Dictionary<string, SchemaShape.Column>();
        foreach (var existing in inputSchema)
            result[existing.Name] = existing;

        DataViewType? itemType = null;
        bool isKey = false;
        bool variable = false;
        bool slotNames = false;
        foreach (var name in _inputColumnNames)
        {
            if (!inputSchema.TryFindColumn(name, out var input))
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Input column '{name}' not found");
            if (itemType is null)
            {
                itemType = input.ItemType;
                isKey = input.IsKey;
            }
            else if (!itemType.Equals(input.ItemType) || isKey != input.IsKey)
            {
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Column '{name}' has type {input.GetTypeString()}, but the other inputs have item type {itemType}.");
            }
            variable |= input.Kind == SchemaShape.Column.VectorKind.VariableVector;
            slotNames |= input.Kind == SchemaShape.Column.VectorKind.Scalar || input.Annotations.TryFindColumn("SlotNames", out _);
        }

        var annotations = new List<SchemaShape.Column>();
        if (slotNames && !variable)
            annotations.Add(new SchemaShape.Column("SlotNames", SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false));
        result[_outputColumnName] = new SchemaShape.Column(_outputColumnName,
            variable ? SchemaShape.Column.VectorKind.VariableVector : SchemaShape.Column.VectorKind.Vector,
            itemType!, isKey, new SchemaShape(annotations));
        return new SchemaShape(result.Values);
    }
}
