using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;

namespace MLExtensions;

/// <summary>
/// Binds the columns of scored data the evaluators read and turns each kind of label into one float per row,
/// as ML.NET's evaluators see labels: Boolean as 0/1, key k as class k − 1 (key 0, "missing", as NaN), numbers as they are.
/// </summary>
internal static class ScoredColumns
{
    public static DataViewSchema.Column RequireSingle(DataViewSchema schema, string name, string role)
    {
        var column = ColumnLookup.Require(schema, name, role);
        if (column.Type != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(name), $"The {role} column '{name}' must be Single (float); it holds {column.Type}.");
        return column;
    }

    /// <summary>The column, or null when the name is empty or absent: for optional inputs such as Probability.</summary>
    public static DataViewSchema.Column? Optional(DataViewSchema schema, string? name) =>
        string.IsNullOrEmpty(name) ? null : schema.GetColumnOrNull(name);

    /// <summary>The label column with a reader that writes the current row's label as a float.</summary>
    public static (DataViewSchema.Column Column, Func<DataViewRow, Func<float>> Reader) Label(
        DataViewSchema schema, string name, string task, bool allowBoolean, int? requiredKeyCount)
    {
        var column = ColumnLookup.Require(schema, name, "label");
        var type = column.Type;
        if (type == NumberDataViewType.Single)
            return (column, row => Read<float>(row, column, v => v));
        if (type == NumberDataViewType.Double)
            return (column, row => Read<double>(row, column, v => (float)v));
        if (allowBoolean && type == BooleanDataViewType.Instance)
            return (column, row => Read<bool>(row, column, v => v ? 1f : 0f));
        if (type is KeyDataViewType key)
        {
            if (requiredKeyCount is int count && key.Count != (ulong)count)
                throw new ArgumentOutOfRangeException(nameof(name),
                    $"The {task} label column '{name}' is a key type with {key.Count} values; it needs exactly {count}.");
            ulong max = key.Count == 0 ? ulong.MaxValue : key.Count;
            return (column, row => KeyReader(row, column, max));
        }
        string allowed = allowBoolean ? "Boolean, Single, Double or a key type" : "a key type, Single or Double";
        throw new ArgumentOutOfRangeException(nameof(name), $"The {task} label column '{name}' must be {allowed}; it holds {type}.");
    }

    private static Func<float> Read<T>(DataViewRow row, DataViewSchema.Column column, Func<T, float> convert)
    {
        var getter = row.GetGetter<T>(column);
        return () =>
        {
            T value = default!;
            getter(ref value);
            return convert(value);
        };
    }

    // Keys may be stored in any unsigned width; widen each to ulong so one reader serves all.
    private static Func<float> KeyReader(DataViewRow row, DataViewSchema.Column column, ulong max)
    {
        Func<ulong> raw = column.Type.RawType switch
        {
            Type t when t == typeof(byte) => Widen<byte>(row, column, v => v),
            Type t when t == typeof(ushort) => Widen<ushort>(row, column, v => v),
            Type t when t == typeof(uint) => Widen<uint>(row, column, v => v),
            Type t when t == typeof(ulong) => Widen<ulong>(row, column, v => v),
            _ => throw new ArgumentOutOfRangeException(nameof(column), $"The key column '{column.Name}' has an unsupported raw type {column.Type.RawType}."),
        };
        return () =>
        {
            ulong key = raw();
            return key > 0 && key <= max ? key - 1 : float.NaN;
        };
    }

    private static Func<ulong> Widen<T>(DataViewRow row, DataViewSchema.Column column, Func<T, ulong> widen)
    {
        var getter = row.GetGetter<T>(column);
        return () =>
        {
            T value = default!;
            getter(ref value);
            return widen(value);
        };
    }

    /// <summary>Text values of a vector annotation (SlotNames, KeyValues) when it exists and is text; otherwise null.</summary>
    public static string[]? TextAnnotation(DataViewSchema.Column column, string kind)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(kind);
        if (annotation is null || annotation.Value.Type is not VectorDataViewType { ItemType: TextDataViewType })
            return null;
        var values = default(VBuffer<ReadOnlyMemory<char>>);
        column.Annotations.GetValue(kind, ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }
}
