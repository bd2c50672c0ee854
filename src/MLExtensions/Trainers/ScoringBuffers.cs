using MLExtensions.Engine.Networks;

namespace MLExtensions.Trainers;

/// <summary>
/// What a cursor scoring blocks of rows writes into: two feature blocks (one scored while the next is read), the block's
/// raw outputs and scores, and one network workspace per chunk of rows. Sized by the network's shape alone, so a model
/// keeps one set for its next cursor (<see cref="MlpModelParameters.RentScoringBuffers"/>) instead of allocating
/// megabytes per cursor.
/// </summary>
internal sealed class ScoringBuffers
{
    /// <summary>Rows a chunk holds: one work item of a block's forward pass. The packed kernel scores rows six at a time
    /// and needs no repacking per call, so small chunks cost it little and share a block evenly among threads.</summary>
    public const int ChunkRows = 48;

    /// <summary>Rows of the first block: two chunks, so two threads share even the first.</summary>
    public const int FirstBlockRows = 2 * ChunkRows;

    /// <summary>Rows a block holds at most: 16 chunks; larger blocks gain nothing but memory.</summary>
    public const int MaxBlockRows = 16 * ChunkRows;

    /// <summary>Feature values a block holds at most (4 MB), which caps the block's rows for wide inputs.</summary>
    public const int MaxBlockValues = 1 << 20;

    private readonly NetworkWorkspace?[] _workspaces;

    public ScoringBuffers(Network network)
    {
        Network = network;
        int inputs = network.InputSize, outputs = network.OutputSize;
        int rows = Math.Clamp(MaxBlockValues / inputs, 1, MaxBlockRows);
        if (rows > ChunkRows)
            rows = rows / ChunkRows * ChunkRows;
        BlockRows = rows;
        Chunk = Math.Min(ChunkRows, rows);
        Features = new float[rows * inputs];
        NextFeatures = new float[rows * inputs];
        Raw = new float[rows * outputs];
        Transformed = new float[rows * outputs];
        _workspaces = new NetworkWorkspace?[(rows + Chunk - 1) / Chunk];
    }

    public Network Network { get; }

    /// <summary>Rows the largest block holds.</summary>
    public int BlockRows { get; }

    /// <summary>Rows of one chunk: <see cref="ChunkRows"/>, or fewer when the inputs are so wide that a block is smaller.</summary>
    public int Chunk { get; }

    /// <summary>The block being scored, row-major.</summary>
    public float[] Features { get; private set; }

    /// <summary>The block being read while the current one is scored.</summary>
    public float[] NextFeatures { get; private set; }

    public float[] Raw { get; }

    public float[] Transformed { get; }

    /// <summary>The workspace of chunk <paramref name="chunk"/>, made when first used (a short data set needs few).</summary>
    public NetworkWorkspace Workspace(int chunk) => _workspaces[chunk] ??= new NetworkWorkspace(Network, Chunk);

    /// <summary>The block read ahead becomes the one to score.</summary>
    public void SwapFeatures() => (Features, NextFeatures) = (NextFeatures, Features);
}
