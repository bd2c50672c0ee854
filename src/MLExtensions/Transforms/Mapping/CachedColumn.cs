using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Transforms.Mapping;

/// <summary>
/// One input column's values for a block of rows a <see cref="ReadAheadCursor"/> has read past, served again when the
/// cursor reaches each row. Only values that stay valid after the input moves can be kept: types without references,
/// text (<see cref="ReadOnlyMemory{T}"/> of char, which ML.NET never rewrites) and vectors of them, copied deep.
/// </summary>
internal abstract class CachedColumn
{
    /// <summary>A cache of <paramref name="column"/> of <paramref name="input"/> for <paramref name="capacity"/> rows, or null
    /// when its values may change once the input moves (a class type of a custom column).</summary>
    public static CachedColumn? TryCreate(DataViewRowCursor input, DataViewSchema.Column column, int capacity, Func<int> currentRow)
    {
        var type = column.Type.RawType;
        Type cache;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(VBuffer<>))
        {
            var item = type.GetGenericArguments()[0];
            if (!Keepable(item))
                return null;
            cache = typeof(CachedVectors<>).MakeGenericType(item);
        }
        else
        {
            if (!Keepable(type))
                return null;
            cache = typeof(CachedValues<>).MakeGenericType(type);
        }
        return (CachedColumn)Activator.CreateInstance(cache, input, column, capacity, currentRow)!;
    }

    private static bool Keepable(Type type) =>
        type == typeof(ReadOnlyMemory<char>) ||
        (type.IsValueType && !(bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!
            .MakeGenericMethod(type).Invoke(null, null)!);

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
