using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;

namespace MLExtensions.Splits;

/// <summary>
/// The stratum of every row, from one pass over the label column: one stratum per distinct value of a bool,
/// key, text or integer label (numbered in order of first appearance; a missing key, 0, is a value like any
/// other), or per quantile bin of a float or double label.
/// </summary>
internal static class LabelStrata
{
    public static int[] Read(IDataView data, string labelColumnName, int numberOfBins)
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = ColumnLookup.Require(data.Schema, labelColumnName, "label");
        var type = column.Type;
        if (type is KeyDataViewType)
        {
            return type.RawType switch
            {
                var t when t == typeof(byte) => Discrete<byte>(data, column),
                var t when t == typeof(ushort) => Discrete<ushort>(data, column),
                var t when t == typeof(uint) => Discrete<uint>(data, column),
                var t when t == typeof(ulong) => Discrete<ulong>(data, column),
                _ => throw Unsupported(column),
            };
        }
        if (type == BooleanDataViewType.Instance)
            return Discrete<bool>(data, column);
        if (type == TextDataViewType.Instance)
            return Discrete<ReadOnlyMemory<char>, string>(data, column, text => text.ToString());
        if (type == NumberDataViewType.Single)
            return QuantileBins.Assign(Continuous<float>(data, column, v => v), numberOfBins);
        if (type == NumberDataViewType.Double)
            return QuantileBins.Assign(Continuous<double>(data, column, v => v), numberOfBins);
        if (type == NumberDataViewType.SByte) return Discrete<sbyte>(data, column);
        if (type == NumberDataViewType.Byte) return Discrete<byte>(data, column);
        if (type == NumberDataViewType.Int16) return Discrete<short>(data, column);
        if (type == NumberDataViewType.UInt16) return Discrete<ushort>(data, column);
        if (type == NumberDataViewType.Int32) return Discrete<int>(data, column);
        if (type == NumberDataViewType.UInt32) return Discrete<uint>(data, column);
        if (type == NumberDataViewType.Int64) return Discrete<long>(data, column);
        if (type == NumberDataViewType.UInt64) return Discrete<ulong>(data, column);
        throw Unsupported(column);
    }

    private static ArgumentOutOfRangeException Unsupported(DataViewSchema.Column column) =>
        new("labelColumnName",
            $"The label column '{column.Name}' holds {column.Type}, which cannot be stratified on. Supported: Boolean, key, " +
            "text, integer (classes) and Single/Double (quantile bins) scalars.");

    private static int[] Discrete<T>(IDataView data, DataViewSchema.Column column) where T : notnull =>
        Discrete<T, T>(data, column, value => value);

    private static int[] Discrete<T, TKey>(IDataView data, DataViewSchema.Column column, Func<T, TKey> key) where TKey : notnull
    {
        var ids = new Dictionary<TKey, int>();
        return ReadColumn<T, int>(data, column, (value, _) =>
        {
            var k = key(value);
            if (!ids.TryGetValue(k, out int id))
                ids.Add(k, id = ids.Count);
            return id;
        });
    }

    private static double[] Continuous<T>(IDataView data, DataViewSchema.Column column, Func<T, double> widen) =>
        ReadColumn<T, double>(data, column, (value, row) =>
        {
            double x = widen(value);
            return double.IsNaN(x)
                ? throw new InvalidOperationException(
                    $"Row {row} of label column '{column.Name}' is NaN; a stratified split needs every label. " +
                    "Remove such rows first (mlContext.Data.FilterRowsByMissingValues).")
                : x;
        });

    /// <summary>One pass over <paramref name="column"/>, every value converted with its 0-based row.</summary>
    private static TOut[] ReadColumn<T, TOut>(IDataView data, DataViewSchema.Column column, Func<T, int, TOut> convert)
    {
        var values = new List<TOut>();
        using var cursor = data.GetRowCursor(new[] { column });
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(convert(value, values.Count));
        }
        return values.ToArray();
    }

    /// <summary>The number of rows, counted by a cursor that reads no column.</summary>
    public static int CountRows(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        long rows = 0;
        using (var cursor = data.GetRowCursor(Array.Empty<DataViewSchema.Column>()))
            while (cursor.MoveNext())
                rows++;
        return CheckSize(rows);
    }

    public static int CheckSize(long rows) => rows <= Array.MaxLength
        ? (int)rows
        : throw new NotSupportedException($"The data has {rows} rows; splits support at most {Array.MaxLength}.");
}
