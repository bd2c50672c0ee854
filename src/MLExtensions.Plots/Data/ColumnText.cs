using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;

namespace MLExtensions.Plots;

/// <summary>
/// Reads a scalar class column of any type ML.NET uses for labels and predictions as text, so a label and a
/// prediction of different representations (text, a key with its KeyValues, Boolean, a number) name a class the
/// same way: a key reads as its KeyValues entry (named as trained models name classes) when the column has them, else
/// as its 0-based index.
/// </summary>
internal static class ColumnText
{
    public static Func<string?> Reader(DataViewRow row, DataViewSchema.Column column)
    {
        var type = column.Type;
        if (type is TextDataViewType)
            return ColumnValueReader.Create<ReadOnlyMemory<char>, string?>(row, column, v => v.IsEmpty ? null : v.ToString());
        if (type is BooleanDataViewType)
            return ColumnValueReader.Create<bool, string?>(row, column, v => v ? "True" : "False");
        if (type == NumberDataViewType.Single)
            return ColumnValueReader.Create<float, string?>(row, column, v => float.IsNaN(v) ? null : v.ToString(CultureInfo.InvariantCulture));
        if (type == NumberDataViewType.Double)
            return ColumnValueReader.Create<double, string?>(row, column, v => double.IsNaN(v) ? null : v.ToString(CultureInfo.InvariantCulture));
        if (type == NumberDataViewType.Int32)
            return ColumnValueReader.Create<int, string?>(row, column, v => v.ToString(CultureInfo.InvariantCulture));
        if (type is KeyDataViewType)
        {
            var names = ColumnAnnotations.KeyValueNames(column);
            var read = KeyReader.Create(row, column);
            return () => read() switch
            {
                0 => null,
                var key when names is not null && key <= (ulong)names.Length => names[key - 1],
                var key => (key - 1).ToString(CultureInfo.InvariantCulture),
            };
        }
        throw new ArgumentException(
            $"The column '{column.Name}' must hold a class as text, Boolean, Single, Double, Int32 or a key; it holds {type}.", column.Name);
    }
}
