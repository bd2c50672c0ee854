namespace Microsoft.ML.Data;

/// <summary>
/// A writable view over a VBuffer's arrays. It is a ref struct so the spans cannot outlive the edit;
/// <see cref="Commit"/> produces the new VBuffer that shares those arrays.
/// </summary>
public readonly ref struct VBufferEditor<T>
{
    private readonly int _logicalLength;
    private readonly T[] _values;
    private readonly int[] _indices;

    public readonly Span<T> Values;

    public readonly Span<int> Indices;

    internal VBufferEditor(int logicalLength, int physicalValuesCount, T[] values, int[] indices,
        bool requireIndicesOnDense, bool createdNewValues, bool createdNewIndices)
    {
        _logicalLength = logicalLength;
        _values = values;
        _indices = indices;
        Values = values.AsSpan(0, physicalValuesCount);
        bool dense = logicalLength == physicalValuesCount;
        Indices = !dense || requireIndicesOnDense ? indices.AsSpan(0, physicalValuesCount) : default;
        CreatedNewValues = createdNewValues;
        CreatedNewIndices = createdNewIndices;
    }

    public bool CreatedNewValues { get; }

    public bool CreatedNewIndices { get; }

    public VBuffer<T> Commit() => new(_logicalLength, Values.Length, _values, _indices);

    public VBuffer<T> CommitTruncated(int physicalValuesCount)
    {
        if (physicalValuesCount > Values.Length)
            throw new ArgumentException("CommitTruncated cannot grow the number of values beyond what the editor was created with.", nameof(physicalValuesCount));
        return new VBuffer<T>(_logicalLength, physicalValuesCount, _values, _indices);
    }
}
