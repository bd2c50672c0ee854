using MLExtensions.Engine.Parallelism;

namespace MLExtensions.Trainers;

/// <summary>
/// Scoring threads kept between cursors. Starting a pool's threads, and their first products filling their GEMM buffers,
/// cost a scoring job of a few thousand rows about as much as the scoring itself; a cursor rents a pool of the model's
/// thread count with its first block and gives it back when disposed. A few idle pools are kept, whose threads wait
/// blocked (no CPU), process-wide rather than per model, so that models dropped by a search cannot strand threads.
/// </summary>
internal static class ScoringPools
{
    /// <summary>Idle pools kept at most; a pool given back beyond them is disposed.</summary>
    private const int MaxIdle = 4;

    private static readonly List<WorkerPool> Idle = new();

    /// <summary>An idle pool of <paramref name="threads"/> threads (2 or more), or a new one.</summary>
    public static WorkerPool Rent(int threads)
    {
        lock (Idle)
        {
            for (int i = Idle.Count - 1; i >= 0; i--)
            {
                if (Idle[i].ThreadCount == threads)
                {
                    var pool = Idle[i];
                    Idle.RemoveAt(i);
                    return pool;
                }
            }
        }
        return new WorkerPool(threads);
    }

    /// <summary>Takes back a pool no cursor uses any more: kept for the next cursor, or disposed when enough are idle.</summary>
    public static void Return(WorkerPool pool)
    {
        lock (Idle)
        {
            if (Idle.Count < MaxIdle)
            {
                Idle.Add(pool);
                return;
            }
        }
        pool.Dispose();
    }
}
