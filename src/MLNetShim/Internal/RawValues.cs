using Microsoft.ML.Data;

namespace Microsoft.ML.Internal;

/// <summary>
/// Converts raw column values to a comparable boxed form and back. Text is compared as string because
/// ReadOnlyMemory&lt;char&gt; equality is by reference, not content.
/// </summary>
internal static class RawValues
{
    internal static object Normalize<T>(T value)
        => value is ReadOnlyMemory<char> text ? text.ToString() : value!;

    internal static T Denormalize<T>(object value)
        => typeof(T) == typeof(ReadOnlyMemory<char>) ? (T)(object)((string)value).AsMemory() : (T)value;

    /// <summary>ML.NET's notion of a missing value: NaN for floating point, empty for text.</summary>
    internal static bool IsMissing(object normalized)
        => normalized switch
        {
            float f => float.IsNaN(f),
            double d => double.IsNaN(d),
            string s => s.Length == 0,
            _ => false,
        };

    /// <summary>The value KeyToValue produces for key 0 (missing).</summary>
    internal static T MissingValue<T>()
    {
        if (typeof(T) == typeof(float)) return (T)(object)float.NaN;
        if (typeof(T) == typeof(double)) return (T)(object)double.NaN;
        return default!;
    }

    internal static int CompareNormalized(object a, object b)
        => a is string sa && b is string sb ? string.CompareOrdinal(sa, sb) : Comparer<object>.Default.Compare(a, b);

    internal static string ToText(object normalized)
        => normalized is IFormattable formattable
            ? formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture)
            : normalized.ToString() ?? string.Empty;

    /// <summary>Dense copy of the vector's values into a new array (missing slots as default).</summary>
    internal static T[] ToDenseArray<T>(in VBuffer<T> buffer)
    {
        var result = new T[buffer.Length];
        buffer.CopyTo(result);
        return result;
    }
}
