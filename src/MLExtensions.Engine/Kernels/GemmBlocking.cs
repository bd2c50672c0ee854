namespace MLExtensions.Engine.Kernels;

/// <summary>
/// Cache-blocking sizes. They depend only on the shape (never on the thread count) because the k blocking
/// decides the order in which each element of C is accumulated, and that order must not change with threads.
/// </summary>
internal static class GemmBlocking
{
    /// <summary>
    /// Longest k block: a 256×32 packed B sliver is 32 KB and must stay in L1 (32-48 KB) while A slivers
    /// stream past it; longer blocks would touch C less often but evict the sliver.
    /// </summary>
    public const int MaxKc = 256;

    /// <summary>Floats of packed B per k block that should stay resident in L2 (1 MB of the usual 1-2 MB).</summary>
    public const int BBlockFloats = 256 * 1024;

    /// <summary>Rows of A packed at once by one task: 128×256 floats = 128 KB, resident in L2 beside B.</summary>
    public const int MaxMc = 128;

    /// <summary>Splits k into equal blocks no longer than <see cref="MaxKc"/>, so no block is a tiny remainder.</summary>
    public static int KBlock(int k)
    {
        if (k <= MaxKc)
        {
            return Math.Max(k, 1);
        }
        int blocks = (k + MaxKc - 1) / MaxKc;
        return (k + blocks - 1) / blocks;
    }

    /// <summary>Columns of B per block so that one k block of it fits the L2 budget; a multiple of NR.</summary>
    public static int NBlock(int kc, int nr) => Math.Max(nr, BBlockFloats / kc / nr * nr);

    /// <summary>Rows of A per packed block: a multiple of MR.</summary>
    public static int MBlock(int mr) => MaxMc / mr * mr;
}
