using MLExtensions.Engine.Parallelism;

namespace MLExtensions.Trainers;

/// <summary>
/// Scoring threads kept between cursors. Starting a pool's threads, and their first products filling their GEMM buffers,
/// cost a scoring job of a few thousand rows about as much as the scoring itself; a cursor rents a pool of the model's
/// thread count with its first block and gives it back when disposed. Idle pools are kept process-wide rather than per
/// model, so that models dropped by a search cannot strand threads; their threads wait blocked (no CPU) but keep their
/// GEMM buffers (about a megabyte each), so at most as many idle threads as the machine has processors are kept, and
/// one idle pool of any size.
/// </summary>
internal static class ScoringPools
{
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
            int idleThreads = 0;
            foreach (var idle in Idle)
                idleThreads += idle.ThreadCount;
            if (Idle.Count == 0 || idleThreads + pool.ThreadCount <= Environment.ProcessorCount)
            {
                Idle.Add(pool);
                return;
            }
        }
        pool.Dispose();
    }
}
