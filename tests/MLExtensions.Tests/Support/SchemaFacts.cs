using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Schema;

namespace MLExtensions.Tests.Support;

/// <summary>
/// What a <see cref="SchemaShape.Column"/> says about a column, so an estimator's promised shape can be held
/// against the schema its transformer really produces. ML.NET's own SchemaShape.Create is internal, hence
/// this small re-statement of its rules (a key's item type is the number type of its raw type).
/// </summary>
public sealed record ColumnFacts(string Name, SchemaShape.Column.VectorKind Kind, DataViewType ItemType, bool IsKey, string Annotations)
{
    public static ColumnFacts Of(SchemaShape.Column column) =>
        new(column.Name, column.Kind, column.ItemType, column.IsKey,
            string.Join(",", (column.Annotations ?? new SchemaShape(Array.Empty<SchemaShape.Column>())).Select(a => a.Name).OrderBy(n => n, StringComparer.Ordinal)));

    public static ColumnFacts Of(DataViewSchema.Column column) => Of(Shape(column));

    public static SchemaShape.Column Shape(DataViewSchema.Column column)
    {
        var (kind, item, isKey) = Describe(column.Type);
        var annotations = new SchemaShape(column.Annotations.Schema.Select(a =>
        {
            var (k, i, key) = Describe(a.Type);
            return SchemaShapeColumns.Create(a.Name, k, i, key);
        }));
        return SchemaShapeColumns.Create(column.Name, kind, item, isKey, annotations);
    }

    public static SchemaShape Shape(DataViewSchema schema) => new(schema.Where(c => !c.IsHidden).Select(Shape));

    private static (SchemaShape.Column.VectorKind, DataViewType, bool) Describe(DataViewType type)
    {
        var kind = type is VectorDataViewType vector
            ? vector.IsKnownSize ? SchemaShape.Column.VectorKind.Vector : SchemaShape.Column.VectorKind.VariableVector
            : SchemaShape.Column.VectorKind.Scalar;
        var item = type is VectorDataViewType v ? v.ItemType : type;
        if (item is KeyDataViewType key)
            return (kind, RawNumberType(key.RawType), true);
        return (kind, item, false);
    }

    private static DataViewType RawNumberType(Type raw) =>
        raw == typeof(byte) ? NumberDataViewType.Byte
        : raw == typeof(ushort) ? NumberDataViewType.UInt16
        : raw == typeof(uint) ? NumberDataViewType.UInt32
        : raw == typeof(ulong) ? NumberDataViewType.UInt64
        : throw new ArgumentOutOfRangeException(nameof(raw), raw, "Not a key raw type.");
}
