using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Transforms.Mapping;

/// <summary>
/// One input column's values for a block of rows a <see cref="ReadAheadCursor"/> has read past, served again when the
/// cursor reaches each row. Only values that stay valid after the input moves can be kept: types without references,
/// text (<see cref="ReadOnlyMemory{T}"/> of char, which ML.NET's own cache also keeps as it is) and known-size vectors of
/// them, copied deep.
/// </summary>
internal abstract class CachedColumn
{
    /// <summary>
    /// The bytes a row of <paramref name="type"/> holds in a cache, or null when its values cannot be kept (a type that is
    /// or holds a reference, other than text) or their size is not known ahead (a vector of variable size).
    /// </summary>
    public static long? BytesPerRow(DataViewType type)
    {
        if (type is VectorDataViewType vector)
            return vector.IsKnownSize && Describe(vector.ItemType.RawType) is (true, var itemBytes) ? (long)vector.Size * itemBytes : null;
        return Describe(type.RawType) is (true, var bytes) ? bytes : null;
    }

    /// <summary>A cache of <paramref name="column"/> of <paramref name="input"/> for <paramref name="capacity"/> rows; the
    /// column's type must have passed <see cref="BytesPerRow"/>.</summary>
    public static CachedColumn Create(DataViewRowCursor input, DataViewSchema.Column column, int capacity, Func<int> currentRow)
    {
        var cache = column.Type is VectorDataViewType vector
            ? typeof(CachedVectors<>).MakeGenericType(vector.ItemType.RawType)
            : typeof(CachedValues<>).MakeGenericType(column.Type.RawType);
        // Not wrapped: an input refusing the column says so in its own words.
        return (CachedColumn)Activator.CreateInstance(cache, BindingFlags.Instance | BindingFlags.Public | BindingFlags.DoNotWrapExceptions,
            null, new object[] { input, column, capacity, currentRow }, null)!;
    }

    private static (bool Keepable, int Bytes) Describe(Type type) =>
        ((bool, int))typeof(CachedColumn).GetMethod(nameof(DescribeType), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, null)!;

    private static (bool Keepable, int Bytes) DescribeType<T>() =>
        (typeof(T) == typeof(ReadOnlyMemory<char>) || !RuntimeHelpers.IsReferenceOrContainsReferences<T>(), Unsafe.SizeOf<T>());

    /// <summary>Keeps the input's current value as row <paramref name="index"/> of the block.</summary>
    public abstract void Read(int index);

    /// <summary>The getter serving the cursor's current row of the block.</summary>
    public abstract Delegate Getter { get; }

    private sealed class CachedValues<T> : CachedColumn
    {
        private readonly ValueGetter<T> _input;
        private readonly T[] _values;
        private readonly Func<int> _currentRow;

        public CachedValues(DataViewRowCursor input, DataViewSchema.Column column, int capacity, Func<int> currentRow)
        {
            _input = input.GetGetter<T>(column);
            _values = new T[capacity];
            _currentRow = currentRow;
            Getter = (ValueGetter<T>)((ref T value) => value = _values[_currentRow()]);
        }

        public override Delegate Getter { get; }

        public override void Read(int index) => _input(ref _values[index]);
    }

    private sealed class CachedVectors<T> : CachedColumn
    {
        private readonly ValueGetter<VBuffer<T>> _input;
        private readonly VBuffer<T>[] _values;
        private readonly Func<int> _currentRow;
        private VBuffer<T> _read;

        public CachedVectors(DataViewRowCursor input, DataViewSchema.Column column, int capacity, Func<int> currentRow)
        {
            _input = input.GetGetter<VBuffer<T>>(column);
            _values = new VBuffer<T>[capacity];
            _currentRow = currentRow;
            Getter = (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) => _values[_currentRow()].CopyTo(ref value));
        }

        public override Delegate Getter { get; }

        // Read into a buffer of the cache's own, then copied: a getter may hand out arrays it rewrites for the next row.
        public override void Read(int index)
        {
            _input(ref _read);
            _read.CopyTo(ref _values[index]);
        }
    }
}
