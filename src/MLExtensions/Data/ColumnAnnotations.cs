using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Data;

/// <summary>
/// Reads the vector annotations ML.NET puts on columns: the <c>KeyValues</c> behind a key column's keys and the
/// <c>SlotNames</c> of a vector's slots. ML.NET keeps its own reader (<c>AnnotationUtils</c>) internal, so the
/// evaluators, the trainers, the plots and the ONNX exporter all read them here.
/// </summary>
public static class ColumnAnnotations
{
    /// <summary>The annotation kind naming a vector column's slots: text, one value per slot.</summary>
    public const string SlotNames = "SlotNames";

    /// <summary>The annotation kind holding the values behind a key column's keys, in key order (key k is value k − 1).</summary>
    public const string KeyValues = "KeyValues";

    /// <summary>
    /// The values of the vector annotation <paramref name="kind"/> of <paramref name="column"/>, dense: an array of the
    /// item type's raw type, except text, which is read as <see cref="string"/>s.
    /// </summary>
    /// <returns>False, with <paramref name="itemType"/> and <paramref name="values"/> null, when the column has no such
    /// annotation or it is not a vector of a primitive type.</returns>
    public static bool TryRead(DataViewSchema.Column column, string kind, out PrimitiveDataViewType? itemType, out Array? values)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var annotation = column.Annotations.Schema.GetColumnOrNull(kind);
        if (annotation?.Type is not VectorDataViewType { ItemType: PrimitiveDataViewType item })
        {
            (itemType, values) = (null, null);
            return false;
        }
        var read = typeof(ColumnAnnotations).GetMethod(nameof(ReadDense), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(item.RawType);
        itemType = item;
        values = (Array)read.Invoke(null, new object[] { column.Annotations, kind })!;
        return true;
    }

    /// <summary>The values of the vector annotation <paramref name="kind"/> when it exists and holds text; otherwise null.</summary>
    public static string[]? ReadText(DataViewSchema.Column column, string kind) =>
        TryRead(column, kind, out _, out var values) ? values as string[] : null;

    /// <summary>
    /// The names of the <paramref name="classCount"/> classes of scored multiclass data, in score-slot order: the score
    /// column's <see cref="SlotNames"/> when it has one non-empty name per class, else the label's text
    /// <see cref="KeyValues"/> when it has one per class, else the 0-based class indices.
    /// </summary>
    public static IReadOnlyList<string> ClassNames(DataViewSchema.Column score, DataViewSchema.Column label, int classCount)
    {
        var names = ReadText(score, SlotNames);
        if (names is null || names.Length != classCount || names.Any(string.IsNullOrEmpty))
            names = ReadText(label, KeyValues);
        if (names is null || names.Length != classCount)
            names = Enumerable.Range(0, classCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return names;
    }

    private static Array ReadDense<T>(DataViewSchema.Annotations annotations, string kind)
    {
        var buffer = default(VBuffer<T>);
        annotations.GetValue(kind, ref buffer);
        var dense = buffer.DenseValues().ToArray();
        return dense is ReadOnlyMemory<char>[] text ? text.Select(v => v.ToString()).ToArray() : dense;
    }
}
