using Microsoft.ML.Data;

namespace Microsoft.ML.Internal;

/// <summary>
/// Builds typed getters (object member to column) and setters (column to object member) for a
/// <see cref="MemberBinding"/>, converting string members to and from text columns.
/// </summary>
internal static class MemberAccess
{
    /// <summary>A ValueGetter over the member of whatever object <paramref name="current"/> returns.</summary>
    internal static Delegate MakeGetter(MemberBinding binding, Func<object> current)
    {
        if (binding.ColumnType is VectorDataViewType vector)
            return (Delegate)GenericDispatch.Invoke(typeof(MemberAccess), nameof(VectorGetter), new[] { vector.ItemType.RawType }, binding, current, vector.Size)!;
        return (Delegate)GenericDispatch.Invoke(typeof(MemberAccess), nameof(ScalarGetter), new[] { binding.ColumnType.RawType }, binding, current)!;
    }

    /// <summary>An action copying the column's current value into the member of a row object.</summary>
    internal static Action<object> MakeSetter(MemberBinding binding, DataViewRow row, DataViewSchema.Column column)
    {
        if (!binding.Accepts(column.Type))
            throw new ArgumentOutOfRangeException(nameof(column), $"Can't bind the IDataView column '{column.Name}' of type '{column.Type}' to field or property '{binding.Member.Name}' of type '{binding.MemberType}'.");
        if (column.Type is VectorDataViewType vector)
            return (Action<object>)GenericDispatch.Invoke(typeof(MemberAccess), nameof(VectorSetter), new[] { vector.ItemType.RawType }, binding, row, column)!;
        return (Action<object>)GenericDispatch.Invoke(typeof(MemberAccess), nameof(ScalarSetter), new[] { column.Type.RawType }, binding, row, column)!;
    }

    private static ValueGetter<T> ScalarGetter<T>(MemberBinding binding, Func<object> current)
    {
        if (binding.MemberType == typeof(string))
        {
            return (ref T value) => value = (T)(object)((string?)binding.GetValue(current()) ?? string.Empty).AsMemory();
        }
        return (ref T value) => value = (T)binding.GetValue(current())!;
    }

    private static ValueGetter<VBuffer<T>> VectorGetter<T>(MemberBinding binding, Func<object> current, int size)
    {
        return (ref VBuffer<T> value) =>
        {
            object? raw = binding.GetValue(current());
            if (raw is VBuffer<T> buffer)
            {
                buffer.CopyTo(ref value);
            }
            else
            {
                var array = raw as Array;
                int length = array?.Length ?? 0;
                var editor = VBufferEditor.Create(ref value, length);
                if (array is string[] strings)
                {
                    for (int i = 0; i < length; i++)
                        editor.Values[i] = (T)(object)(strings[i] ?? string.Empty).AsMemory();
                }
                else if (array is T[] typed)
                {
                    typed.AsSpan().CopyTo(editor.Values);
                }
                value = editor.Commit();
            }
            // A fixed-size column must deliver exactly that many slots, whatever the object holds.
            if (size > 0 && value.Length != size)
                throw new InvalidOperationException($"Member '{binding.Member.Name}' has {value.Length} values, but its column is a vector of size {size}.");
        };
    }

    private static Action<object> ScalarSetter<T>(MemberBinding binding, DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<T>(column);
        bool toString = binding.MemberType == typeof(string);
        return target =>
        {
            T value = default!;
            getter(ref value);
            binding.SetValue(target, toString ? value!.ToString() : value);
        };
    }

    private static Action<object> VectorSetter<T>(MemberBinding binding, DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<VBuffer<T>>(column);
        VBuffer<T> buffer = default;
        var memberType = binding.MemberType;
        return target =>
        {
            getter(ref buffer);
            if (memberType == typeof(VBuffer<T>))
            {
                // Copy, so the row object never aliases the cursor's reusable buffer.
                VBuffer<T> copy = default;
                buffer.CopyTo(ref copy);
                binding.SetValue(target, copy);
            }
            else if (memberType == typeof(string[]))
            {
                binding.SetValue(target, buffer.DenseValues().Select(v => v!.ToString()).ToArray());
            }
            else
            {
                binding.SetValue(target, RawValues.ToDenseArray(buffer));
            }
        };
    }
}
