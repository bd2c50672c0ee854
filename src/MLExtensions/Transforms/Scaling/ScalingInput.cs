using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;
using MLExtensions.Schema;

namespace MLExtensions.Transforms;

/// <summary>
/// An input column a scaler can read: a float scalar or a known-size float vector. Both the data-view and the
/// schema-shape checks live here so that Fit, Transform and GetOutputSchema reject the same columns with the
/// same words.
/// </summary>
internal readonly record struct ScalingInput(DataViewSchema.Column Column, int Size, bool IsVector)
{
    public const string IsNormalizedKind = "IsNormalized";

    public static ScalingInput Bind(DataViewSchema schema, string name, string operation)
    {
        var column = ColumnLookup.Require(schema, name, $"{operation} input");
        if (column.Type == NumberDataViewType.Single)
            return new ScalingInput(column, 1, false);
        if (column.Type is VectorDataViewType vector && vector.ItemType == NumberDataViewType.Single)
        {
            if (!vector.IsKnownSize)
                throw new ArgumentOutOfRangeException(nameof(name),
                    $"The {operation} input column '{name}' is a variable-size vector ({column.Type}); per-slot statistics need a known size.");
            return new ScalingInput(column, vector.Size, true);
        }
        throw WrongType(name, operation, $"{column.Type}");
    }

    /// <summary>Checks that <paramref name="schema"/> still has this column with the shape the statistics were fitted on.</summary>
    public static ScalingInput Rebind(DataViewSchema schema, string name, string operation, int size, bool isVector)
    {
        var bound = Bind(schema, name, operation);
        if (bound.IsVector != isVector || bound.Size != size)
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"The {operation} input column '{name}' holds {bound.Column.Type}; the statistics were fitted on {Describe(size, isVector)}.");
        return bound;
    }

    /// <summary>The output shape for the input <paramref name="name"/> of <paramref name="inputSchema"/>.</summary>
    public static SchemaShape.Column OutputShape(SchemaShape inputSchema, string name, string outputName, string operation, bool marksNormalized)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (!SchemaShapeColumns.TryFind(inputSchema, name, out var input))
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"The {operation} input column '{name}' was not found. The schema has: {string.Join(", ", inputSchema.Select(c => $"'{c.Name}'"))}.");
        if (input.IsKey || input.ItemType != NumberDataViewType.Single)
            throw WrongType(name, operation, input.IsKey ? $"keys over {input.ItemType}" : $"{input.ItemType}");
        if (input.Kind == SchemaShape.Column.VectorKind.VariableVector)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"The {operation} input column '{name}' is a variable-size vector; per-slot statistics need a known size.");

        // In the order ML.NET's normalizer, which computes the output, annotates it.
        var annotations = new List<SchemaShape.Column>();
        if (marksNormalized)
            annotations.Add(SchemaShapeColumns.Create(IsNormalizedKind, SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false));
        if (input.Kind == SchemaShape.Column.VectorKind.Vector && input.Annotations is not null
            && SchemaShapeColumns.TryFind(input.Annotations, ColumnAnnotations.SlotNames, out var slotNames))
            annotations.Add(slotNames);
        return SchemaShapeColumns.Create(outputName, input.Kind, NumberDataViewType.Single, false, new SchemaShape(annotations));
    }

    private static ArgumentOutOfRangeException WrongType(string name, string operation, string found) =>
        new(nameof(name), $"The {operation} input column '{name}' must hold Single (float) values or a known-size vector of them; it holds {found}.");

    private static string Describe(int size, bool isVector) => isVector ? $"a vector of {size} Single values" : "Single scalars";
}
