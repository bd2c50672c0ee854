using System.Runtime.ExceptionServices;
using Microsoft.ML;
using MLExtensions.Data;
using MLExtensions.Transforms.Mapping;

namespace MLExtensions.Trainers;

/// <summary>
/// Scores a <see cref="ReadAheadCursor"/>'s blocks of rows (a shuffled cursor, or one of a parallel set): the features are
/// read as the cursor reads each row, and the block is scored in runs of rows on the thread reading the cursor at the
/// first output it asks for, since a set's cursors are the parallel work. A block the reader never asks an output of is
/// not scored. A row whose features cannot be read fails the first output asked of it or of a later row, as on an ordered
/// cursor; no later row is scored.
/// </summary>
internal sealed class RowBlockScorer : RowBlockMapper
{
    private readonly MlpModelParameters _model;
    private readonly Func<int, Func<ScoredRow>, Delegate> _makeGetter;
    private readonly FloatColumn.Reader _reader;
    private readonly DataViewRowCursor _input;
    private readonly ScoringBuffers _buffers;
    private readonly ScoredRow _row;
    private readonly int _inputs, _outputs;
    private int _rows, _servedRow = -1, _failedRow;
    private bool _scored, _disposed, _failureThrown, _failedInBlock;
    private ExceptionDispatchInfo? _rowFailure;

    /// <param name="model">The network to score with.</param>
    /// <param name="features">The feature column of <paramref name="input"/>.</param>
    /// <param name="input">The cursor the <see cref="ReadAheadCursor"/> moves over the rows.</param>
    /// <param name="makeGetter">The transformer's getter of an output, reading the current row's scores.</param>
    public RowBlockScorer(MlpModelParameters model, FloatColumn features, DataViewRowCursor input, Func<int, Func<ScoredRow>, Delegate> makeGetter)
    {
        _model = model;
        _makeGetter = makeGetter;
        _input = input;
        _reader = features.CreateReader(input, "scored");
        _inputs = _model.Network.InputSize;
        _outputs = _model.Network.OutputSize;
        _buffers = _model.RentScoringBuffers();
        _row = new ScoredRow(_outputs);
    }

    public override int FirstBlockRows => Math.Min(ScoringBuffers.FirstBlockRows, _buffers.BlockRows);

    public override int MaxBlockRows => _buffers.BlockRows;

    public override void ReadRow(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_rowFailure is not null)
            return;
        try
        {
            _reader.Read(_buffers.Features.AsSpan(index * _inputs, _inputs), _input.Position);
        }
        catch (Exception failure)
        {
            // Kept for the first output asked of this row or a later one: the cursor still serves the input's columns.
            _rowFailure = ExceptionDispatchInfo.Capture(failure);
            _failedRow = index;
            _failedInBlock = true;
        }
    }

    public override void StartBlock(int rows)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Every row of a block after the failed one's comes after it.
        if (_rowFailure is not null && !_failedInBlock)
            _failedRow = 0;
        _failedInBlock = false;
        _rows = rows;
        _scored = false;
        _servedRow = -1;
    }

    public override Delegate?[] CreateGetters(IReadOnlyList<bool> activeOutputs, Func<int> currentRow)
    {
        var getters = new Delegate?[activeOutputs.Count];
        ScoredRow Current() => Serve(currentRow());
        for (int i = 0; i < getters.Length; i++)
            if (activeOutputs[i])
                getters[i] = _makeGetter(i, Current);
        return getters;
    }

    private ScoredRow Serve(int row)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (row == _servedRow)
            return _row;
        if (_rowFailure is not null && row >= _failedRow)
        {
            if (!_failureThrown)
            {
                _failureThrown = true;
                _rowFailure.Throw();
            }
            throw new InvalidOperationException("Scoring this cursor's rows failed earlier; open a new cursor.", _rowFailure.SourceException);
        }
        if (!_scored)
            ScoreBlock(_rowFailure is null ? _rows : _failedRow);
        _buffers.CopyScores(row, _row);
        _servedRow = row;
        return _row;
    }

    private void ScoreBlock(int blockRows)
    {
        var (workspace, slot) = _buffers.RentWorkspace();
        try
        {
            for (int first = 0; first < blockRows; first += ScoringBuffers.MaxChunkRows)
            {
                int rows = Math.Min(ScoringBuffers.MaxChunkRows, blockRows - first);
                ScoringPass.Run(_model, workspace, ScoringPass.Serial, _buffers.Features.AsSpan(first * _inputs, rows * _inputs),
                    _buffers.Raw.AsSpan(first * _outputs, rows * _outputs), _buffers.Transformed.AsSpan(first * _outputs, rows * _outputs), rows);
            }
        }
        finally
        {
            _buffers.ReturnWorkspace(slot);
        }
        _scored = true;
    }

    public override void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _model.ReturnScoringBuffers(_buffers);
    }
}
