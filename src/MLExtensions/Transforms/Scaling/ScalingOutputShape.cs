using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;
using MLExtensions.Schema;

namespace MLExtensions.Transforms;

/// <summary>
/// The output column a scaler promises in <c>GetOutputSchema</c>, with the input checks <see cref="FloatColumn.Bind"/> makes
/// on data (a float scalar or a known-size float vector), so that Fit, Transform and GetOutputSchema reject the same
/// columns.
/// </summary>
internal static class ScalingOutputShape
{
    public const string IsNormalizedKind = "IsNormalized";

    /// <summary>The output shape for the input <paramref name="name"/> of <paramref name="inputSchema"/>.</summary>
    public static SchemaShape.Column Of(SchemaShape inputSchema, string name, string outputName, string operation, bool marksNormalized)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (!SchemaShapeColumns.TryFind(inputSchema, name, out var input))
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"The {operation} input column '{name}' was not found. The schema has: {string.Join(", ", inputSchema.Select(c => $"'{c.Name}'"))}.");
        if (input.IsKey || input.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"The {operation} input column '{name}' must hold Single (float) values or a known-size vector of them; it holds " +
                (input.IsKey ? $"keys over {input.ItemType}." : $"{input.ItemType}."));
        if (input.Kind == SchemaShape.Column.VectorKind.VariableVector)
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"The {operation} input column '{name}' is a variable-size vector; it must have a known size, which fixes the values per row that are fitted.");

        // In the order ML.NET's normalizer, which computes the output, annotates it.
        var annotations = new List<SchemaShape.Column>();
        if (marksNormalized)
            annotations.Add(SchemaShapeColumns.Create(IsNormalizedKind, SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false));
        if (input.Kind == SchemaShape.Column.VectorKind.Vector && input.Annotations is not null
            && SchemaShapeColumns.TryFind(input.Annotations, ColumnAnnotations.SlotNames, out var slotNames))
            annotations.Add(slotNames);
        return SchemaShapeColumns.Create(outputName, input.Kind, NumberDataViewType.Single, false, new SchemaShape(annotations));
    }
}
