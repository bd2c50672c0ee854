using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Schema;

namespace MLExtensions.Tests.Scaling;

public sealed class ScalarRow
{
    public float X { get; set; }
}

public sealed class VectorRow
{
    [VectorType(3)]
    public float[] Features { get; set; } = Array.Empty<float>();
}

public sealed class MixedRow
{
    [VectorType(2)]
    public float[] Features { get; set; } = Array.Empty<float>();

    public float Y { get; set; }

    public int Count { get; set; }

    public string Name { get; set; } = "";

    public float[] Ragged { get; set; } = Array.Empty<float>();
}

public sealed class SparseRow
{
    [VectorType(4)]
    public VBuffer<float> Features { get; set; }
}

internal static class ScalingTestData
{
    public static IDataView Scalars(MLContext ml, params float[] values) =>
        ml.Data.LoadFromEnumerable(values.Select(v => new ScalarRow { X = v }).ToList());

    public static IDataView Vectors(MLContext ml, params float[][] rows) =>
        ml.Data.LoadFromEnumerable(rows.Select(r => new VectorRow { Features = r }).ToList());

    /// <summary>Vectors whose Features column carries SlotNames, as a loader or Concatenate would give.</summary>
    public static IDataView VectorsWithSlotNames(MLContext ml, string[] slotNames, params float[][] rows)
    {
        var annotations = new DataViewSchema.Annotations.Builder();
        var names = new VBuffer<ReadOnlyMemory<char>>(slotNames.Length, slotNames.Select(n => n.AsMemory()).ToArray());
        annotations.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, slotNames.Length),
            (ref VBuffer<ReadOnlyMemory<char>> value) => names.CopyTo(ref value));
        var schema = new DataViewSchema.Builder();
        schema.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, slotNames.Length), annotations.ToAnnotations());
        return ml.Data.LoadFromEnumerable(rows.Select(r => new VectorRow { Features = r }).ToList(), schema.ToSchema());
    }

    /// <summary>
    /// The SchemaShape ML.NET would make of <paramref name="schema"/> (its own SchemaShape.Create is internal):
    /// each column's kind, item type, key flag and annotation shapes.
    /// </summary>
    public static SchemaShape ShapeOf(DataViewSchema schema) =>
        new(schema.Where(c => !c.IsHidden).Select(c => ShapeOf(c.Name, c.Type, c.Annotations.Schema)));

    private static SchemaShape.Column ShapeOf(string name, DataViewType type, DataViewSchema? annotations)
    {
        var kind = type is VectorDataViewType v
            ? v.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector
            : SchemaShape.Column.VectorKind.Scalar;
        var item = type is VectorDataViewType vector ? vector.ItemType : type;
        var annotationShape = annotations is null ? null : new SchemaShape(annotations.Select(a => ShapeOf(a.Name, a.Type, null)));
        return SchemaShapeColumns.Create(name, kind, item, item is KeyDataViewType, annotationShape);
    }
}
