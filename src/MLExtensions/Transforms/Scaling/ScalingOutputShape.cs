using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;
using MLExtensions.Schema;

namespace MLExtensions.Transforms;

/// <summary>
/// The output column a scaler promises in <c>GetOutputSchema</c>, after the input check (<see cref="FloatColumn.CheckShape"/>)
/// that refuses the columns Fit and Transform refuse.
/// </summary>
internal static class ScalingOutputShape
{
    /// <summary>Why a scaler refuses a variable-size vector, in its messages.</summary>
    public const string KnownSizeReason = "per-slot statistics need a known size";

    /// <summary>The output shape for the input <paramref name="name"/> of <paramref name="inputSchema"/>.</summary>
    public static SchemaShape.Column Of(SchemaShape inputSchema, string name, string outputName, string operation, bool marksNormalized)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (!SchemaShapeColumns.TryFind(inputSchema, name, out var input))
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"The {operation} input column '{name}' was not found. The schema has: {string.Join(", ", inputSchema.Select(c => $"'{c.Name}'"))}.");
        FloatColumn.CheckShape(input, $"{operation} input", nameof(inputSchema), KnownSizeReason);

        // In the order ML.NET's normalizer, which computes the output, annotates it.
        var annotations = new List<SchemaShape.Column>();
        if (marksNormalized)
            annotations.Add(SchemaShapeColumns.Create(ColumnAnnotations.IsNormalized, SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false));
        if (input.Kind == SchemaShape.Column.VectorKind.Vector && input.Annotations is not null
            && SchemaShapeColumns.TryFind(input.Annotations, ColumnAnnotations.SlotNames, out var slotNames))
            annotations.Add(slotNames);
        return SchemaShapeColumns.Create(outputName, input.Kind, NumberDataViewType.Single, false, new SchemaShape(annotations));
    }
}
