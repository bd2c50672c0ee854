using MLExtensions.Engine.Networks;

namespace MLExtensions.Trainers;

/// <summary>
/// What a cursor scoring blocks of rows writes into: two feature blocks (one scored while the next is read), the block's
/// raw outputs and scores, the block's plan of chunks, and one network workspace per scoring thread. Sized by the network
/// and the thread count alone, so a model keeps one set for its next cursor
/// (<see cref="MlpModelParameters.RentScoringBuffers"/>) instead of allocating megabytes per cursor.
/// </summary>
internal sealed class ScoringBuffers
{
    /// <summary>Rows of the first block.</summary>
    public const int FirstBlockRows = 96;

    /// <summary>Rows a block holds at most; larger blocks gain nothing but memory.</summary>
    public const int MaxBlockRows = 768;

    /// <summary>Feature values a block holds at most (4 MB), which caps the block's rows for wide inputs.</summary>
    public const int MaxBlockValues = 1 << 20;

    /// <summary>The largest chunk: one work item of a block's forward pass, which reuses each weight for all its rows.</summary>
    public const int MaxChunkRows = 96;

    /// <summary>The smallest chunk, which the end of a block is cut into so that no thread waits long for the last one.</summary>
    public const int MinChunkRows = 24;

    // Chunks and blocks are cut in sixes where they can be: the packed kernel scores six rows at a time.
    private const int KernelRows = 6;

    private readonly NetworkWorkspace?[] _workspaces;
    private readonly int[] _slotInUse;
    private readonly int[] _chunkStarts;
    private readonly int[] _chunkRows;

    public ScoringBuffers(Network network, int threads)
    {
        Network = network;
        int inputs = network.InputSize, outputs = network.OutputSize;
        int rows = Math.Clamp(MaxBlockValues / inputs, 1, MaxBlockRows);
        if (rows >= KernelRows)
            rows -= rows % KernelRows;
        BlockRows = rows;
        Features = new float[rows * inputs];
        Raw = new float[rows * outputs];
        Transformed = new float[rows * outputs];
        _workspaces = new NetworkWorkspace?[threads];
        _slotInUse = new int[threads];
        _chunkStarts = new int[rows / Math.Min(MinChunkRows, rows) + 1];
        _chunkRows = new int[_chunkStarts.Length];
    }

    public Network Network { get; }

    /// <summary>Rows the largest block holds.</summary>
    public int BlockRows { get; }

    /// <summary>The block being scored, row-major.</summary>
    public float[] Features { get; private set; }

    /// <summary>The block being read while the current one is scored; made on first need, since a cursor scoring on one
    /// thread never reads ahead beside its scoring.</summary>
    public float[] NextFeatures => _nextFeatures ??= new float[Features.Length];

    private float[]? _nextFeatures;

    public float[] Raw { get; }

    public float[] Transformed { get; }

    /// <summary>Row <paramref name="row"/> of the scored block into <paramref name="destination"/>, for a getter to serve.</summary>
    public void CopyScores(int row, ScoredRow destination)
    {
        int outputs = Network.OutputSize;
        Raw.AsSpan(row * outputs, outputs).CopyTo(destination.Raw);
        Transformed.AsSpan(row * outputs, outputs).CopyTo(destination.Transformed);
    }

    /// <summary>The block read ahead becomes the one to score.</summary>
    public void SwapFeatures() => (Features, _nextFeatures) = (NextFeatures, Features);

    /// <summary>
    /// Cuts a block of <paramref name="rows"/> into chunks for <paramref name="threads"/> threads and returns their count:
    /// on one thread, chunks of <see cref="MaxChunkRows"/>; on more, each chunk a share of the rows left, from
    /// <see cref="MaxChunkRows"/> down to <see cref="MinChunkRows"/>, so that the block's last items are short and the
    /// threads finish together. The cut changes no bits: a row scores the same in any chunk.
    /// </summary>
    public int PlanChunks(int rows, int threads)
    {
        int count = 0;
        for (int start = 0; start < rows; count++)
        {
            int left = rows - start;
            int size = threads == 1 ? MaxChunkRows : Math.Clamp(left / (2 * threads) / KernelRows * KernelRows, MinChunkRows, MaxChunkRows);
            size = Math.Min(size, left);
            _chunkStarts[count] = start;
            _chunkRows[count] = size;
            start += size;
        }
        return count;
    }

    public int ChunkStart(int chunk) => _chunkStarts[chunk];

    public int ChunkRows(int chunk) => _chunkRows[chunk];

    /// <summary>A workspace no other thread uses now, and its slot for <see cref="ReturnWorkspace"/>. At most one chunk per
    /// scoring thread runs at once, so one of the slots is always free.</summary>
    public (NetworkWorkspace Workspace, int Slot) RentWorkspace()
    {
        for (int slot = 0; slot < _slotInUse.Length; slot++)
        {
            if (Interlocked.CompareExchange(ref _slotInUse[slot], 1, 0) == 0)
                return (_workspaces[slot] ??= new NetworkWorkspace(Network, Math.Min(MaxChunkRows, BlockRows)), slot);
        }
        throw new InvalidOperationException("More chunks are being scored at once than the model has scoring threads.");
    }

    public void ReturnWorkspace(int slot) => Volatile.Write(ref _slotInUse[slot], 0);
}
