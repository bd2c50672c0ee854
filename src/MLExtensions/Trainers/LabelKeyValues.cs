using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;

namespace MLExtensions.Trainers;

/// <summary>
/// The values behind a key-typed label (its "KeyValues" annotation), captured at training time so that
/// scoring data, which has no label column, still gets class names on <c>Score</c> and <c>PredictedLabel</c>.
/// Stored as text plus the item type so it can be saved and rebuilt exactly.
/// </summary>
internal sealed class LabelKeyValues
{
    private static readonly Dictionary<Type, PrimitiveDataViewType> SupportedTypes = new()
    {
        [typeof(ReadOnlyMemory<char>)] = TextDataViewType.Instance,
        [typeof(float)] = NumberDataViewType.Single,
        [typeof(double)] = NumberDataViewType.Double,
        [typeof(int)] = NumberDataViewType.Int32,
        [typeof(uint)] = NumberDataViewType.UInt32,
        [typeof(long)] = NumberDataViewType.Int64,
        [typeof(ulong)] = NumberDataViewType.UInt64,
        [typeof(short)] = NumberDataViewType.Int16,
        [typeof(ushort)] = NumberDataViewType.UInt16,
        [typeof(byte)] = NumberDataViewType.Byte,
        [typeof(sbyte)] = NumberDataViewType.SByte,
        [typeof(bool)] = BooleanDataViewType.Instance,
    };

    private LabelKeyValues(PrimitiveDataViewType itemType, string[] values)
    {
        ItemType = itemType;
        Values = values;
    }

    public PrimitiveDataViewType ItemType { get; }

    /// <summary>The values in key order (key i+1 is Values[i]), as text by <see cref="ColumnAnnotations.ClassName"/>.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The KeyValues of <paramref name="label"/>, or null when it has none or of a type we cannot carry.</summary>
    public static LabelKeyValues? Capture(DataViewSchema.Column label)
    {
        if (!ColumnAnnotations.TryReadKeyValues(label, out var item, out var values) || !SupportedTypes.ContainsKey(item!.RawType))
            return null;
        return new LabelKeyValues(SupportedTypes[item.RawType], values!.Cast<object?>().Select(ColumnAnnotations.ClassName).ToArray());
    }

    /// <summary>Rebuilds saved key values; <paramref name="rawTypeName"/> is <see cref="Type.FullName"/> of the item type.</summary>
    public static LabelKeyValues Restore(string rawTypeName, string[] values)
    {
        var entry = SupportedTypes.FirstOrDefault(p => p.Key.FullName == rawTypeName);
        if (entry.Key is null)
            throw new InvalidDataException($"The saved label key values have an unsupported item type '{rawTypeName}'.");
        return new LabelKeyValues(entry.Value, values);
    }

    public string RawTypeName => ItemType.RawType.FullName!;

    /// <summary>Annotations holding the KeyValues, for a key column such as <c>PredictedLabel</c>.</summary>
    public DataViewSchema.Annotations KeyValuesAnnotations()
    {
        var builder = new DataViewSchema.Annotations.Builder();
        var add = typeof(LabelKeyValues).GetMethod(nameof(AddValues), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(ItemType.RawType);
        add.Invoke(this, new object[] { builder, ColumnAnnotations.KeyValues, ItemType });
        return builder.ToAnnotations();
    }

    /// <summary>Annotations naming a score vector's slots after the classes.</summary>
    public DataViewSchema.Annotations SlotNamesAnnotations()
    {
        var builder = new DataViewSchema.Annotations.Builder();
        var names = Values.Select(v => v.AsMemory()).ToArray();
        builder.Add(ColumnAnnotations.SlotNames, new VectorDataViewType(TextDataViewType.Instance, names.Length),
            (ValueGetter<VBuffer<ReadOnlyMemory<char>>>)((ref VBuffer<ReadOnlyMemory<char>> value) =>
                value = new VBuffer<ReadOnlyMemory<char>>(names.Length, (ReadOnlyMemory<char>[])names.Clone())));
        return builder.ToAnnotations();
    }

    private void AddValues<T>(DataViewSchema.Annotations.Builder builder, string kind, PrimitiveDataViewType itemType)
    {
        T[] values = Values.Select(Parse<T>).ToArray();
        builder.Add(kind, new VectorDataViewType(itemType, values.Length),
            (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) => value = new VBuffer<T>(values.Length, (T[])values.Clone())));
    }

    private static T Parse<T>(string text)
    {
        object value = typeof(T) == typeof(ReadOnlyMemory<char>) ? text.AsMemory()
            : typeof(T) == typeof(bool) ? bool.Parse(text)
            : Convert.ChangeType(text, typeof(T), CultureInfo.InvariantCulture);
        return (T)value;
    }
}
