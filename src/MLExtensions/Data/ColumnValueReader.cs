using Microsoft.ML;

namespace MLExtensions.Data;

/// <summary>
/// One column of a row, read as a function that gives the current row's value converted: the getter is made once and
/// its buffer reused, so reading a row costs one getter call and the conversion.
/// </summary>
internal static class ColumnValueReader
{
    /// <summary>A function giving <paramref name="convert"/> of the current row's <typeparamref name="TValue"/> in
    /// <paramref name="column"/>, which must hold <typeparamref name="TValue"/> values (ML.NET's getter checks it).</summary>
    public static Func<TResult> Create<TValue, TResult>(DataViewRow row, DataViewSchema.Column column, Func<TValue, TResult> convert)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(convert);
        var getter = row.GetGetter<TValue>(column);
        TValue value = default!;
        return () =>
        {
            getter(ref value);
            return convert(value);
        };
    }
}
