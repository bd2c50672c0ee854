using System.Runtime.ExceptionServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Transforms.Mapping;

/// <summary>
/// A cursor of a mapper's output schema that reads its own input a block of rows ahead, keeping the requested input
/// columns' values, each row's position, batch and id, so that the mapper computes a block's outputs at once
/// (<see cref="RowBlockMapper"/>). It serves the cursors no second cursor can follow: a shuffled one, and each cursor of
/// ML.NET's parallel sets. Rows, their order and their batches are the input's own.
/// </summary>
/// <remarks>
/// A row whose input values cannot be read (the input's <c>MoveNext</c> or a getter of a requested column throws while the
/// block is read) is not served: the block ends before it, and the <see cref="MoveNext"/> that reaches it throws what the
/// input threw. What the mapper reads for its outputs fails at their getters, as it does on any other cursor. The kept
/// values of a block take at most <see cref="MaxCachedBytes"/>, so wide requested columns make the blocks shorter.
/// </remarks>
internal sealed class ReadAheadCursor : DataViewRowCursor
{
    private readonly ColumnMapper _mapper;
    private readonly DataViewRowCursor _input;
    private readonly RowBlockMapper _block;
    private readonly CachedColumn?[] _inputColumns;
    private readonly CachedColumn[] _cached;
    private readonly Delegate?[] _outputGetters;
    private readonly long[] _positions, _batches;
    private readonly DataViewRowId[] _ids;
    private readonly ValueGetter<DataViewRowId>? _inputIds;
    private readonly Exception? _idFailure;
    private readonly int _capacity;
    private int _rows, _row = -1, _nextSize;
    private bool _inputEnded, _done, _disposed;
    private ExceptionDispatchInfo? _readFailure;
    private Exception? _failure;

    /// <summary>The most bytes the requested input columns' kept values take in a block.</summary>
    public const long MaxCachedBytes = 16L << 20;

    private ReadAheadCursor(ColumnMapper mapper, DataViewRowCursor input, RowBlockMapper block, IReadOnlyList<bool> activeOutputs,
        DataViewSchema.Column[] requestedInputs, int capacity)
    {
        _mapper = mapper;
        _input = input;
        _block = block;
        _capacity = capacity;
        _positions = new long[capacity];
        _batches = new long[capacity];
        _ids = new DataViewRowId[capacity];
        _inputColumns = new CachedColumn?[mapper.InputSchema.Count];
        Func<int> currentRow = CurrentRow;
        _cached = new CachedColumn[requestedInputs.Length];
        for (int i = 0; i < requestedInputs.Length; i++)
            _cached[i] = _inputColumns[requestedInputs[i].Index] = CachedColumn.Create(input, requestedInputs[i], capacity, currentRow);
        _outputGetters = block.CreateGetters(activeOutputs, currentRow);
        _nextSize = Math.Min(block.FirstBlockRows, capacity);
        try
        {
            _inputIds = input.GetIdGetter();
        }
        catch (Exception failure) when (failure is NotSupportedException or InvalidOperationException)
        {
            // Kept for a caller that asks for ids; the rows themselves can still be read.
            _idFailure = failure;
        }
    }

    /// <summary>
    /// A cursor over <paramref name="input"/> (which it then owns) serving <paramref name="requestedInputs"/> and the active
    /// outputs, or null when the mapper computes its outputs a row at a time or a requested column's values cannot be kept
    /// (see <see cref="CachedColumn.BytesPerRow"/>); then the caller maps row by row.
    /// </summary>
    public static ReadAheadCursor? TryCreate(ColumnMapper mapper, DataViewRowCursor input,
        IEnumerable<DataViewSchema.Column> requestedInputs, IReadOnlyList<bool> activeOutputs)
    {
        if (!activeOutputs.Any(active => active))
            return null;
        var columns = requestedInputs.ToArray();
        long bytesPerRow = 0;
        foreach (var column in columns)
        {
            if (CachedColumn.BytesPerRow(column.Type) is not { } bytes)
                return null;
            bytesPerRow += bytes;
        }
        var block = mapper.CreateBlockMapper(input, activeOutputs);
        if (block is null)
            return null;
        try
        {
            int capacity = (int)Math.Clamp(MaxCachedBytes / Math.Max(1, bytesPerRow), 1, block.MaxBlockRows);
            return new ReadAheadCursor(mapper, input, block, activeOutputs, columns, capacity);
        }
        catch
        {
            block.Dispose();
            throw;
        }
    }

    public override DataViewSchema Schema => _mapper.OutputSchema;

    public override long Position => _row >= 0 ? _positions[_row] : -1;

    public override long Batch => _row >= 0 ? _batches[_row] : 0;

    public override ValueGetter<DataViewRowId> GetIdGetter()
    {
        if (_inputIds is null)
            throw new NotSupportedException("The data this cursor reads gives no row ids.", _idFailure);
        return (ref DataViewRowId id) => id = _ids[CurrentRow()];
    }

    public override bool MoveNext()
    {
        if (_disposed)
            return false;
        if (_failure is not null)
            throw new InvalidOperationException("Reading this cursor's rows failed earlier; open a new cursor.", _failure);
        if (_done)
            return false;
        if (++_row < _rows)
            return true;
        if (_readFailure is null && !_inputEnded && ReadBlock() > 0)
        {
            _row = 0;
            return true;
        }
        // Off the rows: no getter serves a row any more, and the block's buffers go back for another cursor.
        _done = true;
        _row = -1;
        _block.Dispose();
        if (_readFailure is { } failure)
        {
            _failure = failure.SourceException;
            failure.Throw();
        }
        return false;
    }

    /// <summary>Moves the input over the next block's rows, keeping each row's values; returns how many it read.</summary>
    private int ReadBlock()
    {
        int size = _nextSize, rows = 0;
        _nextSize = Math.Min(size * 2, _capacity);
        try
        {
            for (; rows < size; rows++)
            {
                if (!_input.MoveNext())
                {
                    _inputEnded = true;
                    break;
                }
                _positions[rows] = _input.Position;
                _batches[rows] = _input.Batch;
                if (_inputIds is not null)
                    _inputIds(ref _ids[rows]);
                foreach (var column in _cached)
                    column.Read(rows);
                _block.ReadRow(rows);
            }
        }
        catch (Exception failure)
        {
            // The rows before it are whole and are served; the bad row surfaces when the cursor reaches it.
            _readFailure = ExceptionDispatchInfo.Capture(failure);
            _inputEnded = true;
        }
        _rows = rows;
        _block.StartBlock(rows);
        return rows;
    }

    private int CurrentRow()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_row < 0)
            throw new InvalidOperationException("The cursor is not on a row: call MoveNext first, and read no value after it returns false.");
        return _row;
    }

    public override bool IsColumnActive(DataViewSchema.Column column)
    {
        int inputCount = _mapper.InputSchema.Count;
        return column.Index < inputCount ? _inputColumns[column.Index] is not null : _outputGetters[column.Index - inputCount] is not null;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int inputCount = _mapper.InputSchema.Count;
        if (column.Index >= inputCount + _outputGetters.Length)
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' is not in this row's schema.");
        var getter = (column.Index < inputCount ? _inputColumns[column.Index]?.Getter : _outputGetters[column.Index - inputCount])
            ?? throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was created.");
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException(
                $"Column '{column.Name}' holds {Schema[column.Index].Type.RawType.Name} values, not {typeof(TValue).Name}.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _row = -1;
            _block.Dispose();
            _input.Dispose();
        }
        base.Dispose(disposing);
    }
}
