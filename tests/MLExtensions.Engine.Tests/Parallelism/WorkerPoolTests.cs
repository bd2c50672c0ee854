using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Tests.Support;

namespace MLExtensions.Engine.Tests.Parallelism;

public class WorkerPoolTests
{
    private sealed class CountingWork(int count) : ParallelWork
    {
        public readonly int[] Hits = new int[count];
        public readonly HashSet<int> Threads = [];

        public override void Execute(int index)
        {
            Interlocked.Increment(ref Hits[index]);
            lock (Threads)
            {
                Threads.Add(Environment.CurrentManagedThreadId);
            }
        }
    }

    private sealed class ThrowingWork(int badIndex) : ParallelWork
    {
        public override void Execute(int index)
        {
            if (index == badIndex)
            {
                throw new InvalidOperationException($"item {index} failed");
            }
        }
    }

    private sealed class NestedWork(WorkerPool pool) : ParallelWork
    {
        public int Total;

        public override void Execute(int index)
        {
            var inner = new CountingWork(4);
            pool.Run(inner, 4);
            Interlocked.Add(ref Total, inner.Hits.Sum());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RunsEveryIndexExactlyOnce(int threads)
    {
        using var pool = new WorkerPool(threads);
        Assert.Equal(threads, pool.ThreadCount);
        foreach (int count in new[] { 0, 1, 2, 7, 1000 })
        {
            var work = new CountingWork(count);
            pool.Run(work, count);
            Assert.All(work.Hits, hits => Assert.Equal(1, hits));
        }
    }

    [Fact]
    public void SingleThreadPoolRunsInlineOnTheCaller()
    {
        using var pool = new WorkerPool(1);
        var work = new CountingWork(5);
        pool.Run(work, 5);
        Assert.Equal([Environment.CurrentManagedThreadId], work.Threads);
    }

    [Fact]
    public void ReusesTheSameThreadsAcrossManyRuns()
    {
        using var pool = new WorkerPool(2);
        var work = new CountingWork(3);
        for (int run = 0; run < 5000; run++)
        {
            pool.Run(work, 3);
        }
        Assert.All(work.Hits, hits => Assert.Equal(5000, hits));
        Assert.InRange(work.Threads.Count, 1, 2);
    }

    /// <summary>Item 1 is slow when <see cref="SlowSpins"/> is set, so the caller finishes first and must block.</summary>
    private sealed class UnevenWork : ParallelWork
    {
        public int Completed;
        public int SlowSpins;

        public override void Execute(int index)
        {
            if (index == 1)
                Thread.SpinWait(SlowSpins);
            Interlocked.Increment(ref Completed);
        }
    }

    [Fact]
    public void RunReturnsOnlyAfterEveryItemHasFinished()
    {
        // Quick runs, which the caller leaves while spinning, alternate with slow ones, where it must block: a
        // completion signal from a quick run arriving late once let the caller of the next run leave early.
        using var pool = new WorkerPool(2);
        var work = new UnevenWork();
        for (int run = 1; run <= 4000; run++)
        {
            work.SlowSpins = run % 2 == 0 ? 5000 : 0;
            pool.Run(work, 2);
            Assert.Equal(2 * run, Volatile.Read(ref work.Completed));
        }
    }

    [Fact]
    public void ExceptionsPropagateAndThePoolStaysUsable()
    {
        using var pool = new WorkerPool(2);
        var ex = Assert.Throws<InvalidOperationException>(() => pool.Run(new ThrowingWork(5), 50));
        Assert.Equal("item 5 failed", ex.Message);

        var work = new CountingWork(20);
        pool.Run(work, 20);
        Assert.All(work.Hits, hits => Assert.Equal(1, hits));
    }

    [Fact]
    public void NestedRunsExecuteInlineWithoutDeadlock()
    {
        using var pool = new WorkerPool(2);
        var work = new NestedWork(pool);
        pool.Run(work, 6);
        Assert.Equal(24, work.Total);
    }

    [Fact]
    public void RunAllocatesNothingOnTheCaller()
    {
        using var pool = new WorkerPool(2);
        var work = new CountingWork(8);
        Assert.Equal(0, Allocations.InSteadyState(() => pool.Run(work, 8), callsPerWindow: 20));
    }

    [Fact]
    public void ArgumentsAndDisposalAreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerPool(0));
        var pool = new WorkerPool(2);
        Assert.Throws<ArgumentNullException>(() => pool.Run(null!, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Run(new CountingWork(1), -1));
        pool.Dispose();
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Run(new CountingWork(1), 1));
    }
}
