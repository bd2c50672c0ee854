using Microsoft.ML.Data;

namespace Microsoft.ML.Internal;

/// <summary>
/// The dictionary learned by ValueToKey: distinct non-missing values in key order. Key k (1-based)
/// is Terms[k - 1]; anything not in the map, and missing values, map to key 0.
/// </summary>
internal sealed class KeyTermMap
{
    private readonly Dictionary<object, uint> _keys;

    internal KeyTermMap(PrimitiveDataViewType itemType, IReadOnlyList<object> terms)
    {
        ItemType = itemType;
        Terms = terms;
        _keys = new Dictionary<object, uint>(terms.Count);
        for (int i = 0; i < terms.Count; i++)
            _keys[terms[i]] = (uint)(i + 1);
    }

    internal PrimitiveDataViewType ItemType { get; }

    internal IReadOnlyList<object> Terms { get; }

    /// <summary>ML.NET never emits a zero-cardinality key type, even when no terms were seen.</summary>
    internal KeyDataViewType KeyType => new(typeof(uint), Math.Max(1, Terms.Count));

    internal uint KeyOf(object normalized) => _keys.TryGetValue(normalized, out uint key) ? key : 0;

    internal static KeyTermMap Train(IDataView data, string columnName, int maximumNumberOfKeys, bool sortByValue)
    {
        var column = data.Schema.GetColumnOrNull(columnName)
            ?? throw new ArgumentOutOfRangeException(nameof(columnName), $"Key column '{columnName}' not found");
        var itemType = ColumnTypeHelpers.ItemTypeOf(column.Type) as PrimitiveDataViewType
            ?? throw new InvalidOperationException($"Column '{columnName}' of type {column.Type} cannot be mapped to keys.");

        var seen = new HashSet<object>();
        var terms = new List<object>();
        void Offer(object value)
        {
            if (terms.Count < maximumNumberOfKeys && !RawValues.IsMissing(value) && seen.Add(value))
                terms.Add(value);
        }

        using (var cursor = data.GetRowCursor(new[] { column }))
        {
            var read = (Action<Action<object>>)GenericDispatch.Invoke(typeof(KeyTermMap),
                column.Type is VectorDataViewType ? nameof(VectorReader) : nameof(ScalarReader),
                new[] { itemType.RawType }, cursor, column)!;
            while (cursor.MoveNext())
                read(Offer);
        }

        if (sortByValue)
            terms.Sort(RawValues.CompareNormalized);
        return new KeyTermMap(itemType, terms);
    }

    /// <summary>KeyValues annotation: the terms as a vector of the input item type, or as text.</summary>
    internal DataViewSchema.Annotations.Builder AddKeyValues(DataViewSchema.Annotations.Builder builder, bool asText)
    {
        if (asText || ItemType is TextDataViewType)
        {
            var text = Terms.Select(t => RawValues.ToText(t).AsMemory()).ToArray();
            builder.Add("KeyValues", new VectorDataViewType(TextDataViewType.Instance, text.Length),
                (ref VBuffer<ReadOnlyMemory<char>> dst) => new VBuffer<ReadOnlyMemory<char>>(text.Length, text).CopyTo(ref dst));
        }
        else
        {
            GenericDispatch.Invoke(typeof(KeyTermMap), nameof(AddTypedKeyValues), new[] { ItemType.RawType }, builder, this);
        }
        return builder;
    }

    private static void AddTypedKeyValues<T>(DataViewSchema.Annotations.Builder builder, KeyTermMap map)
    {
        var values = map.Terms.Select(RawValues.Denormalize<T>).ToArray();
        builder.Add("KeyValues", new VectorDataViewType(map.ItemType, values.Length),
            (ref VBuffer<T> dst) => new VBuffer<T>(values.Length, values).CopyTo(ref dst));
    }

    private static Action<Action<object>> ScalarReader<T>(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return offer =>
        {
            getter(ref value);
            offer(RawValues.Normalize(value));
        };
    }

    private static Action<Action<object>> VectorReader<T>(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<VBuffer<T>>(column);
        VBuffer<T> value = default;
        return offer =>
        {
            getter(ref value);
            foreach (var item in value.DenseValues())
                offer(RawValues.Normalize(item));
        };
    }

    internal void Write(BinaryWriter writer)
    {
        TypeCodec.Write(writer, ItemType);
        writer.Write(Terms.Count);
        foreach (var term in Terms)
            ValueCodec.Write(writer, term);
    }

    internal static KeyTermMap Read(BinaryReader reader)
    {
        var itemType = (PrimitiveDataViewType)TypeCodec.Read(reader);
        var terms = new object[reader.ReadInt32()];
        for (int i = 0; i < terms.Length; i++)
            terms[i] = ValueCodec.Read(reader, itemType.RawType);
        return new KeyTermMap(itemType, terms);
    }
}
