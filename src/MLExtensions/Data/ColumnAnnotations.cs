using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Data;

/// <summary>
/// Reads the annotations ML.NET puts on columns, through ML.NET's public <see cref="SchemaAnnotationsExtensions"/>
/// (<c>HasKeyValues</c>/<c>GetKeyValues</c>, <c>HasSlotNames</c>/<c>GetSlotNames</c>), and adds what those leave to
/// the caller: reading <c>KeyValues</c> whose item type is only known at run time, and one rule for naming classes
/// from them. The annotation kinds are ML.NET's strings; its own constants (<c>AnnotationUtils.Kinds</c>) are internal.
/// </summary>
internal static class ColumnAnnotations
{
    /// <summary>The annotation kind naming a vector column's slots: text, one value per slot.</summary>
    public const string SlotNames = "SlotNames";

    /// <summary>The annotation kind holding the values behind a key column's keys, in key order (key k is value k − 1).</summary>
    public const string KeyValues = "KeyValues";

    /// <summary>The Boolean annotation ML.NET's normalizers put on their outputs (read by <see cref="SchemaAnnotationsExtensions.IsNormalized"/>).</summary>
    public const string IsNormalized = "IsNormalized";

    /// <summary>
    /// The <see cref="KeyValues"/> of the key column <paramref name="column"/>, dense: an array of the item type's raw
    /// type, except text, which is read as <see cref="string"/>s.
    /// </summary>
    /// <returns>False, with <paramref name="itemType"/> and <paramref name="values"/> null, when the column is not a key
    /// column or has no KeyValues of a primitive type, one per key (ML.NET's <c>HasKeyValues</c>).</returns>
    public static bool TryReadKeyValues(DataViewSchema.Column column, out PrimitiveDataViewType? itemType, out Array? values)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(KeyValues);
        if (annotation?.Type is not VectorDataViewType { ItemType: PrimitiveDataViewType item } || !column.HasKeyValues(item))
        {
            (itemType, values) = (null, null);
            return false;
        }
        var read = typeof(ColumnAnnotations).GetMethod(nameof(ReadKeyValues), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(item.RawType);
        itemType = item;
        values = (Array)read.Invoke(null, new object[] { column })!;
        return true;
    }

    /// <summary>The <see cref="KeyValues"/> of <paramref name="column"/> as class names (see <see cref="ClassName"/>),
    /// or null when it has none (see <see cref="TryReadKeyValues"/>).</summary>
    public static string[]? KeyValueNames(DataViewSchema.Column column) =>
        TryReadKeyValues(column, out _, out var values) ? values!.Cast<object?>().Select(ClassName).ToArray() : null;

    /// <summary>
    /// The one rule naming a class from its key value: text as it is, numbers in the invariant culture ("2.5", "-1"),
    /// Booleans as "True"/"False". Trained models, evaluation reports, plots and the ONNX exporter all name classes so.
    /// </summary>
    public static string ClassName(object? value) => value switch
    {
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    /// <summary>The <see cref="SlotNames"/> of the vector column <paramref name="column"/>, one per slot, or null when
    /// it has none (ML.NET's <c>HasSlotNames</c>).</summary>
    public static string[]? SlotNamesOf(DataViewSchema.Column column)
    {
        if (!column.HasSlotNames())
            return null;
        var buffer = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetSlotNames(ref buffer);
        return buffer.DenseValues().Select(v => v.ToString()).ToArray();
    }

    /// <summary>
    /// The names of the <paramref name="classCount"/> classes of scored multiclass data, in score-slot order: the score
    /// column's <see cref="SlotNames"/> when it has one non-empty name per class, else the label's
    /// <see cref="KeyValues"/> (named by <see cref="ClassName"/>) when it has one per class, else the 0-based class indices.
    /// </summary>
    public static IReadOnlyList<string> ClassNames(DataViewSchema.Column score, DataViewSchema.Column label, int classCount)
    {
        var names = SlotNamesOf(score);
        if (names is null || names.Length != classCount || names.Any(string.IsNullOrEmpty))
            names = KeyValueNames(label);
        if (names is null || names.Length != classCount)
            names = Enumerable.Range(0, classCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return names;
    }

    private static Array ReadKeyValues<T>(DataViewSchema.Column column)
    {
        var buffer = default(VBuffer<T>);
        column.GetKeyValues(ref buffer);
        var dense = buffer.DenseValues().ToArray();
        return dense is ReadOnlyMemory<char>[] text ? text.Select(v => v.ToString()).ToArray() : dense;
    }
}
