using System.Runtime.ExceptionServices;
using Microsoft.ML;
using MLExtensions.Data;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Parallelism;

namespace MLExtensions.Trainers;

/// <summary>
/// Scores an ordered cursor's rows a block at a time: a second cursor of its own reads the features ahead, since an
/// ordered cursor of a data view sees the same rows in the same order, and the block's forward pass runs in chunks of
/// rows on the model's scoring threads. A row's scores are bitwise those of scoring it alone, whatever the block, the
/// chunk or the thread that scored it. Blocks the reader skips are read past but not scored.
/// </summary>
/// <remarks>
/// Blocks grow from <see cref="ScoringBuffers.FirstBlockRows"/> rows, doubling, to <see cref="ScoringBuffers.BlockRows"/>,
/// so a cursor that reads a few rows scores few. Past the first block, the next block is read while the current one is
/// scored: reading is the first work item, beside the chunks, so on two or more threads it no longer waits for the
/// scoring, nor the scoring for it; the chunks shrink towards the block's end so that the threads finish together. That
/// read may run on a scoring thread, within the execution context (culture, AsyncLocal values) of the thread reading the
/// cursor: the data view being scored must not depend on which OS thread moves its cursor, as ML.NET's own do not.
/// </remarks>
internal sealed class BlockScorer : ParallelWork, IDisposable
{
    private readonly MlpModelParameters _model;
    private readonly FloatColumn _features;
    private readonly IDataView _source;
    private readonly DataViewRow _input;
    private readonly ScoredRow _row;
    private readonly int _inputs, _outputs;
    private DataViewRowCursor? _ahead;
    private FloatColumn.Reader? _reader;
    private ScoringBuffers? _buffers;
    private WorkerPool? _pool;
    private LayerContext? _pooledInference;
    private long _blockStart;
    private int _blockRows, _nextRows, _readSize;
    private bool _blockScored, _nextRead, _aheadEnded, _readInRun, _disposed;
    private long _rowPosition = -1;
    private Exception? _failure;
    private ExceptionDispatchInfo? _readFailure;
    private ExecutionContext? _readContext;

    public BlockScorer(MlpModelParameters model, FloatColumn features, IDataView source, DataViewRow input)
    {
        _model = model;
        _features = features;
        _source = source;
        _input = input;
        _inputs = model.Network.InputSize;
        _outputs = model.Network.OutputSize;
        _row = new ScoredRow(_outputs);
    }

    public ScoredRow Current()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long position = _input.Position;
        if (position == _rowPosition)
            return _row;
        if (position < _blockStart)
            throw new InvalidOperationException("The cursor moved back to an earlier row, which an ordered cursor cannot do.");
        if (_failure is not null)
            throw new InvalidOperationException("Scoring this cursor's rows failed earlier; open a new cursor.", _failure);
        try
        {
            while (position >= _blockStart + _blockRows)
                NextBlock();
            if (!_blockScored)
                ScoreBlock();
        }
        catch (Exception failure)
        {
            // A read or a scoring stopped part way leaves the blocks out of step with the rows: no later row may be served.
            _failure = failure;
            throw;
        }
        _buffers!.CopyScores((int)(position - _blockStart), _row);
        _rowPosition = position;
        return _row;
    }

    private void NextBlock()
    {
        if (_buffers is null)
        {
            // Opened with the first block, so a cursor that reads no output opens no second cursor and allocates nothing.
            _buffers = _model.RentScoringBuffers();
            _ahead = _source.GetRowCursor(new[] { _features.Column });
            _reader = _features.CreateReader(_ahead, "scored");
        }
        _blockStart += _blockRows;
        _readFailure?.Throw();
        if (_nextRead)
        {
            _buffers.SwapFeatures();
            _blockRows = _nextRows;
            _nextRead = false;
        }
        else
        {
            _blockRows = ReadRows(_buffers.Features);
        }
        _blockScored = false;
        if (_blockRows == 0)
            throw new InvalidOperationException(
                "Two ordered cursors of the data being scored disagree on its rows: the one reading ahead ran out first.");
    }

    /// <summary>Reads the next block's rows into <paramref name="block"/> (fewer at the end of the data); each block is
    /// twice the one before, up to <see cref="ScoringBuffers.BlockRows"/>.</summary>
    private int ReadRows(float[] block)
    {
        var buffers = _buffers!;
        _readSize = Math.Min(buffers.BlockRows, _readSize == 0 ? ScoringBuffers.FirstBlockRows : _readSize * 2);
        int rows = 0;
        while (rows < _readSize && !_aheadEnded)
        {
            if (!_ahead!.MoveNext())
            {
                _aheadEnded = true;
                break;
            }
            _reader!.Read(block.AsSpan(rows * _inputs, _inputs), _ahead.Position);
            rows++;
        }
        return rows;
    }

    private void ScoreBlock()
    {
        var buffers = _buffers!;
        int threads = _model.ScoringThreads;
        int chunks = buffers.PlanChunks(_blockRows, threads);
        if (threads > 1)
            _pool ??= ScoringPools.Rent(threads);
        // Reading ahead only pays beside other threads' scoring, and only past the first block: a cursor that wants a few
        // rows reads no more than their block.
        _readInRun = _pool is not null && _blockStart > 0 && !_aheadEnded;
        _readContext = _readInRun ? ExecutionContext.Capture() : null;
        int items = chunks + (_readInRun ? 1 : 0);
        if (_pool is not null && items == 1)
        {
            // One chunk and nothing to read beside it (the first block): the threads share its products instead.
            _pooledInference ??= LayerContext.Inference(_pool);
            ScoreChunk(0, _pooledInference);
        }
        else if (_pool is null)
        {
            for (int i = 0; i < items; i++)
                Execute(i);
        }
        else
        {
            _pool.Run(this, items);
        }
        _blockScored = true;
    }

    /// <summary>Item 0 reads the next block when <see cref="_readInRun"/> (first, so it overlaps the most scoring); the
    /// others score one chunk each.</summary>
    public override void Execute(int index)
    {
        if (_readInRun)
        {
            if (index == 0)
            {
                // In the reader's execution context (culture, AsyncLocal values), whichever thread claims the item.
                if (_readContext is null)
                    ReadNextBlock(this);
                else
                    ExecutionContext.Run(_readContext, ReadNextBlock, this);
                return;
            }
            index--;
        }
        ScoreChunk(index, ScoringPass.Serial);
    }

    private static readonly ContextCallback ReadNextBlock = static state =>
    {
        var scorer = (BlockScorer)state!;
        try
        {
            scorer._nextRows = scorer.ReadRows(scorer._buffers!.NextFeatures);
            scorer._nextRead = scorer._nextRows > 0;
        }
        catch (Exception failure)
        {
            // Kept for the moment the cursor needs the block being read: the current block still scores and serves its
            // rows, so a bad row surfaces at the same row on any number of threads.
            scorer._readFailure = ExceptionDispatchInfo.Capture(failure);
        }
    };

    private void ScoreChunk(int chunk, LayerContext context)
    {
        var buffers = _buffers!;
        int first = buffers.ChunkStart(chunk), rows = buffers.ChunkRows(chunk);
        var (workspace, slot) = buffers.RentWorkspace();
        try
        {
            ScoringPass.Run(_model, workspace, context, buffers.Features.AsSpan(first * _inputs, rows * _inputs),
                buffers.Raw.AsSpan(first * _outputs, rows * _outputs), buffers.Transformed.AsSpan(first * _outputs, rows * _outputs), rows);
        }
        finally
        {
            buffers.ReturnWorkspace(slot);
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _ahead?.Dispose();
        if (_pool is not null)
            ScoringPools.Return(_pool);
        if (_buffers is not null)
            _model.ReturnScoringBuffers(_buffers);
    }
}
