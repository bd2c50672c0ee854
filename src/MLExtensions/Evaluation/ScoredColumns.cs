using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;

namespace MLExtensions;

/// <summary>
/// What the evaluators read of scored data beyond ML.NET's metrics: labels turned into one float per row as ML.NET's
/// evaluators see them (Boolean as 0/1, key k as class k − 1, key 0 "missing" as NaN, numbers as they are).
/// </summary>
internal static class ScoredColumns
{
    /// <summary>The column, or null when the name is empty or absent: for optional inputs such as Probability.</summary>
    public static DataViewSchema.Column? Optional(DataViewSchema schema, string? name) =>
        string.IsNullOrEmpty(name) ? null : schema.GetColumnOrNull(name);

    /// <summary>A binary label column (ML.NET has already accepted it) with a reader that writes the current row's label as a
    /// float: positive when &gt; 0, NaN when missing.</summary>
    public static (DataViewSchema.Column Column, Func<DataViewRow, Func<float>> Reader) BinaryLabel(DataViewSchema schema, string name)
    {
        var column = ColumnLookup.Require(schema, name, "label");
        var type = column.Type;
        if (type == NumberDataViewType.Single)
            return (column, row => ColumnValueReader.Create<float, float>(row, column, v => v));
        if (type == NumberDataViewType.Double)
            return (column, row => ColumnValueReader.Create<double, float>(row, column, v => (float)v));
        if (type == BooleanDataViewType.Instance)
            return (column, row => ColumnValueReader.Create<bool, float>(row, column, v => v ? 1f : 0f));
        if (type is KeyDataViewType key)
            return (column, row => ClassIndex(row, column, key.Count == 0 ? ulong.MaxValue : key.Count));
        throw new ArgumentOutOfRangeException(nameof(name),
            $"The binary classification label column '{name}' must be Boolean, Single, Double or a key type; it holds {type}.");
    }

    /// <summary>Key k as class k − 1; the missing key 0, or one beyond <paramref name="max"/>, as NaN.</summary>
    private static Func<float> ClassIndex(DataViewRow row, DataViewSchema.Column column, ulong max)
    {
        var raw = KeyReader.Create(row, column);
        return () =>
        {
            ulong key = raw();
            return key > 0 && key <= max ? key - 1 : float.NaN;
        };
    }
}
