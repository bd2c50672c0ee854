namespace MLExtensions.Engine.Kernels;

/// <summary>
/// Told by <see cref="Gemm"/> that a block of C is final (its last k block is stored), on the thread that computed it and
/// while the block is still in that core's cache. Every element of C is reported exactly once; blocks of one product
/// may be reported concurrently from several threads, so an implementation touches only the block it is given.
/// </summary>
internal interface IGemmBlockFinished
{
    /// <summary>Rows [<paramref name="firstRow"/>, +<paramref name="rows"/>) × columns [<paramref name="firstColumn"/>, +<paramref name="columns"/>) of C are final.</summary>
    void BlockFinished(int firstRow, int rows, int firstColumn, int columns);
}
