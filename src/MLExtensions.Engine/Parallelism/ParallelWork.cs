namespace MLExtensions.Engine.Parallelism;

/// <summary>
/// A batch of independent work items that <see cref="WorkerPool.Run"/> executes, each index exactly once.
/// A class rather than a delegate so callers can keep one instance per operation and reuse it: running work
/// then allocates nothing. Items must not depend on which thread runs them or in what order, so results stay
/// identical for any thread count.
/// </summary>
public abstract class ParallelWork
{
    /// <summary>Runs work item <paramref name="index"/> (0 ≤ index &lt; the count passed to Run).</summary>
    public abstract void Execute(int index);
}
