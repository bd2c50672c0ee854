namespace MLExtensions.Data;

/// <summary>
/// Collects rows of a fixed width into one exact-size float array, copying each value once. When the row count is known
/// the array is allocated exactly, up front, and handed over as it is. When it is not (or the data yields more rows than
/// it announced), rows go into chunks that grow geometrically, without reallocation, and are joined into an exact array
/// at the end; fewer rows than announced (skipped rows) cost one trim. Sizes are 64-bit and checked before allocating.
/// </summary>
internal sealed class RowBuffer
{
    // The first chunk for data of unknown length, and the largest: chunks double between the two.
    private const int FirstChunkValues = 1 << 16;
    private const int LargestChunkValues = 1 << 24;

    private readonly int _width;
    private readonly string _what;
    private readonly float[] _exact;
    private readonly List<float[]> _chunks = new();
    private long _exactUsed;
    private long _chunkUsed;
    private long _count;

    /// <param name="width">Values per row.</param>
    /// <param name="expectedRows">The rows the data announces (<c>GetRowCount</c>), or null.</param>
    /// <param name="what">What the values are, for messages: "the training data's feature column 'Features'".</param>
    public RowBuffer(int width, long? expectedRows, string what)
    {
        _width = width;
        _what = what;
        _exact = expectedRows is { } rows && rows > 0 ? new float[CheckedLength(rows)] : Array.Empty<float>();
    }

    /// <summary>Values added so far.</summary>
    public long Count => _count;

    public void Add(float value) => Add(new ReadOnlySpan<float>(in value));

    public void Add(ReadOnlySpan<float> values)
    {
        int length = values.Length;
        CheckedLength((_count + length + _width - 1) / _width);
        if (_exactUsed + values.Length <= _exact.Length && _chunks.Count == 0)
        {
            values.CopyTo(_exact.AsSpan((int)_exactUsed));
            _exactUsed += values.Length;
        }
        else
        {
            while (!values.IsEmpty)
            {
                if (_chunks.Count == 0 || _chunkUsed == _chunks[^1].Length)
                {
                    long next = _chunks.Count == 0 ? FirstChunkValues : Math.Min(2L * _chunks[^1].Length, LargestChunkValues);
                    // Whole rows per chunk keep a row's values together (not needed for joining, but cheap).
                    _chunks.Add(new float[Math.Max(_width, next / _width * _width)]);
                    _chunkUsed = 0;
                }
                var chunk = _chunks[^1];
                int take = (int)Math.Min(values.Length, chunk.Length - _chunkUsed);
                values[..take].CopyTo(chunk.AsSpan((int)_chunkUsed));
                _chunkUsed += take;
                values = values[take..];
            }
        }
        _count += length;
    }

    /// <summary>The values in one array of exactly <see cref="Count"/> values: the up-front array itself when it was filled exactly.</summary>
    public float[] ToArray()
    {
        if (_chunks.Count == 0 && _exactUsed == _exact.Length)
            return _exact;
        var result = new float[_count];
        _exact.AsSpan(0, (int)_exactUsed).CopyTo(result);
        long offset = _exactUsed;
        for (int i = 0; i < _chunks.Count; i++)
        {
            int used = i == _chunks.Count - 1 ? (int)_chunkUsed : _chunks[i].Length;
            _chunks[i].AsSpan(0, used).CopyTo(result.AsSpan((int)offset));
            offset += used;
        }
        return result;
    }

    private long CheckedLength(long rows)
    {
        // Compared by division: rows × width of a data view announcing about 2⁶² rows wraps in 64 bits.
        if (_width > 0 && rows > Array.MaxLength / _width)
            throw new InvalidOperationException(
                $"{char.ToUpperInvariant(_what[0])}{_what[1..]} holds {rows:N0} rows of {_width:N0} values, {(Int128)rows * _width:N0} in all: " +
                $"more than one buffer holds ({Array.MaxLength:N0}). Train on fewer rows or fewer features.");
        return rows * _width;
    }
}
