using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Data;

/// <summary>
/// Reads a key column's raw keys as <see cref="ulong"/>, whatever unsigned width they are stored in (ML.NET allows
/// Byte, UInt16, UInt32 and UInt64 keys), so one reader serves every key column: the trainers', the evaluators' and
/// the plots'. Key 0 is ML.NET's missing key; key k stands for the k-th value.
/// </summary>
internal static class KeyReader
{
    /// <summary>A function giving the key of <paramref name="column"/> (a key column) in the current row of <paramref name="row"/>.</summary>
    public static Func<ulong> Create(DataViewRow row, DataViewSchema.Column column)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (column.Type is not KeyDataViewType)
            throw new ArgumentOutOfRangeException(nameof(column), $"The column '{column.Name}' holds {column.Type}, not keys.");
        return column.Type.RawType switch
        {
            var t when t == typeof(byte) => ColumnValueReader.Create<byte, ulong>(row, column, v => v),
            var t when t == typeof(ushort) => ColumnValueReader.Create<ushort, ulong>(row, column, v => v),
            var t when t == typeof(uint) => ColumnValueReader.Create<uint, ulong>(row, column, v => v),
            var t when t == typeof(ulong) => ColumnValueReader.Create<ulong, ulong>(row, column, v => v),
            var t => throw new ArgumentOutOfRangeException(nameof(column), $"The key column '{column.Name}' is stored as {t.Name}, which is not a key's raw type."),
        };
    }
}
