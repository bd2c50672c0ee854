using System.Collections;
using Microsoft.ML.Internal;

namespace Microsoft.ML.Data;

/// <summary>
/// A vector that is either dense (Count == Length, values only) or sparse (Count &lt; Length, values at
/// strictly increasing indices). The arrays may be longer than Count: they are reusable buffers, which is
/// why consumers must read through <see cref="GetValues"/>/<see cref="GetIndices"/> rather than the arrays.
/// </summary>
public readonly struct VBuffer<T> : IEnumerable
{
    private readonly T[]? _values;
    private readonly int[]? _indices;
    private readonly int _count;

    public readonly int Length;

    public VBuffer(int length, T[] values, int[]? indices = null)
    {
        if (length < 0)
            throw new ArgumentOutOfRangeException(nameof(length));
        if ((values?.Length ?? 0) < length)
            throw new ArgumentException("Too few values for the requested length.", nameof(values));
        Length = length;
        _count = length;
        _values = values;
        _indices = indices;
    }

    public VBuffer(int length, int count, T[] values, int[]? indices)
    {
        if (length < 0)
            throw new ArgumentOutOfRangeException(nameof(length));
        if (count < 0 || count > length)
            throw new ArgumentOutOfRangeException(nameof(count));
        if ((values?.Length ?? 0) < count)
            throw new ArgumentException("Too few values for count.", nameof(values));
        if (count < length && (indices?.Length ?? 0) < count)
            throw new ArgumentException("A sparse vector needs at least count indices.", nameof(indices));
        Length = length;
        _count = count;
        _values = values;
        _indices = indices;
    }

    public bool IsDense => _count == Length;

    public ReadOnlySpan<T> GetValues() => _values.AsSpan(0, _count);

    public ReadOnlySpan<int> GetIndices() => IsDense ? default : _indices.AsSpan(0, _count);

    public void CopyToDense(ref VBuffer<T> destination)
    {
        var editor = VBufferEditor.Create(ref destination, Length);
        CopyTo(editor.Values);
        destination = editor.Commit();
    }

    public void CopyTo(ref VBuffer<T> destination)
    {
        var editor = VBufferEditor.Create(ref destination, Length, _count);
        GetValues().CopyTo(editor.Values);
        if (!IsDense)
            GetIndices().CopyTo(editor.Indices);
        destination = editor.Commit();
    }

    public void CopyTo(ref VBuffer<T> destination, int sourceIndex, int length)
    {
        if (sourceIndex < 0 || sourceIndex > Length)
            throw new ArgumentOutOfRangeException(nameof(sourceIndex));
        if (length < 0 || sourceIndex > Length - length)
            throw new ArgumentOutOfRangeException(nameof(length));

        if (IsDense)
        {
            var dense = VBufferEditor.Create(ref destination, length, length);
            GetValues().Slice(sourceIndex, length).CopyTo(dense.Values);
            destination = dense.Commit();
            return;
        }

        var indices = GetIndices();
        int first = LowerBound(indices, sourceIndex);
        int last = LowerBound(indices, sourceIndex + length);
        int taken = last - first;
        var editor = VBufferEditor.Create(ref destination, length, taken);
        GetValues().Slice(first, taken).CopyTo(editor.Values);
        // When every slot of the window is explicit the result is dense and carries no indices.
        if (taken < length)
        {
            for (int i = 0; i < taken; i++)
                editor.Indices[i] = indices[first + i] - sourceIndex;
        }
        destination = editor.Commit();
    }

    public void CopyTo(Span<T> destination) => CopyTo(destination, 0);

    public void CopyTo(Span<T> destination, int destinationIndex, T defaultValue = default!)
    {
        if (destinationIndex < 0 || destinationIndex > destination.Length - Length)
            throw new ArgumentException("Not large enough to hold these values.", nameof(destination));

        var target = destination.Slice(destinationIndex, Length);
        if (IsDense)
        {
            GetValues().CopyTo(target);
            return;
        }

        target.Fill(defaultValue);
        var values = GetValues();
        var indices = GetIndices();
        for (int i = 0; i < values.Length; i++)
            target[indices[i]] = values[i];
    }

    public static void Copy(T[] source, int sourceIndex, ref VBuffer<T> destination, int length)
    {
        int size = source?.Length ?? 0;
        if (length < 0 || length > size)
            throw new ArgumentOutOfRangeException(nameof(length));
        if (sourceIndex < 0 || sourceIndex > size - length)
            throw new ArgumentOutOfRangeException(nameof(sourceIndex));
        var editor = VBufferEditor.Create(ref destination, length, length);
        source.AsSpan(sourceIndex, length).CopyTo(editor.Values);
        destination = editor.Commit();
    }

    public IEnumerable<KeyValuePair<int, T>> Items(bool all = false)
    {
        // Copies of the fields: iterators cannot capture 'this' of a struct.
        var values = _values;
        var indices = _indices;
        int count = _count;
        int length = Length;
        return Enumerate(values, indices, count, length, all);

        static IEnumerable<KeyValuePair<int, T>> Enumerate(T[]? values, int[]? indices, int count, int length, bool all)
        {
            if (count == length)
            {
                for (int i = 0; i < count; i++)
                    yield return new KeyValuePair<int, T>(i, values![i]);
                yield break;
            }

            int next = 0;
            for (int i = 0; i < count; i++)
            {
                int slot = indices![i];
                if (all)
                {
                    for (; next < slot; next++)
                        yield return new KeyValuePair<int, T>(next, default!);
                }
                yield return new KeyValuePair<int, T>(slot, values![i]);
                next = slot + 1;
            }
            if (all)
            {
                for (; next < length; next++)
                    yield return new KeyValuePair<int, T>(next, default!);
            }
        }
    }

    public IEnumerable<T> DenseValues()
    {
        foreach (var item in Items(all: true))
            yield return item.Value;
    }

    public void GetItemOrDefault(int index, ref T destination) => destination = GetItemOrDefault(index);

    public T GetItemOrDefault(int index)
    {
        if (index < 0 || index >= Length)
            throw new ArgumentOutOfRangeException(nameof(index));
        if (IsDense)
            return _values![index];
        int found = GetIndices().BinarySearch(index);
        return found >= 0 ? _values![found] : default!;
    }

    public override string ToString()
        => IsDense ? $"Dense vector of size {Length}" : $"Sparse vector of size {Length}, {_count} explicit values";

    // Mirrors ML.NET: the non-generic enumerator walks the raw values array (a historical quirk).
    public IEnumerator GetEnumerator() => (_values ?? Array.Empty<T>()).GetEnumerator();

    internal VBufferEditor<T> GetEditor() => GetEditor(Length, _count);

    internal VBufferEditor<T> GetEditor(int newLogicalLength, int? valuesCount, int? maxValuesCapacity = null,
        bool keepOldOnResize = false, bool requireIndicesOnDense = false)
    {
        if (newLogicalLength < 0)
            throw new ArgumentOutOfRangeException(nameof(newLogicalLength), "Must be non-negative.");
        if (valuesCount is < 0 || valuesCount > newLogicalLength)
            throw new ArgumentOutOfRangeException(nameof(valuesCount), "If specified, must be between 0 and newLogicalLength.");

        int physicalCount = valuesCount ?? newLogicalLength;
        int max = maxValuesCapacity ?? ArrayGrowth.MaxArrayLength;

        var values = _values;
        ArrayGrowth.EnsureSize(ref values, physicalCount, max, keepOldOnResize, out bool newValues);

        var indices = _indices;
        bool newIndices = false;
        if (physicalCount != newLogicalLength || requireIndicesOnDense)
            ArrayGrowth.EnsureSize(ref indices, physicalCount, max, keepOldOnResize, out newIndices);

        return new VBufferEditor<T>(newLogicalLength, physicalCount, values!, indices!, requireIndicesOnDense, newValues, newIndices);
    }

    private static int LowerBound(ReadOnlySpan<int> sorted, int value)
    {
        int found = sorted.BinarySearch(value);
        return found >= 0 ? found : ~found;
    }
}
