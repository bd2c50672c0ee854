using System.Runtime.ExceptionServices;

namespace MLExtensions.Engine.Parallelism;

/// <summary>
/// A fixed set of dedicated threads for the engine's data-parallel kernels. The calling thread takes part in
/// every <see cref="Run"/>, so a pool of N threads owns N - 1 background threads. Work items are claimed one
/// at a time with an interlocked counter, which balances load when the machine's cores are shared; idle
/// workers spin briefly (kernels arrive back to back during training) and then block.
/// </summary>
/// <remarks>
/// Run is synchronous and allocation-free. Concurrent Run calls from different threads are serialized; a Run
/// issued from inside a work item executes inline, so nested parallelism cannot deadlock.
/// </remarks>
public sealed class WorkerPool : IDisposable
{
    // Roughly 20-50 µs of spinning: long enough to bridge the gap between consecutive kernels of one
    // training step, short enough not to steal a shared core from other processes for long.
    private const int SpinIterations = 2000;

    [ThreadStatic] private static WorkerPool? t_executingPool;

    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _wake;
    private readonly ManualResetEventSlim _allDone = new(false, 0);
    private readonly object _runGate = new();

    private ParallelWork? _work;
    private int _count;
    private int _nextIndex;
    private int _activeWorkers;
    private int _generation;
    private volatile bool _disposed;
    private Exception? _firstError;

    /// <summary>More threads than any machine runs usefully: a count above it is a mistake, refused before a thread is made.</summary>
    public const int MaximumThreadCount = 1024;

    /// <summary>The one check of a thread count the trainers are given, naming the caller's argument or option.</summary>
    internal static void CheckThreadCount(int threads, string paramName)
    {
        if (threads <= 0 || threads > MaximumThreadCount)
            throw new ArgumentOutOfRangeException(paramName, threads, $"The number of threads must be in [1, {MaximumThreadCount}].");
    }

    /// <summary>Starts <paramref name="threadCount"/> - 1 background threads, which wait for work.</summary>
    /// <param name="threadCount">Total threads that execute work, including the caller (1 runs everything inline);
    /// 1 to <see cref="MaximumThreadCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threadCount"/> is out of range.</exception>
    public WorkerPool(int threadCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadCount, 1);
        if (threadCount > MaximumThreadCount)
            throw new ArgumentOutOfRangeException(nameof(threadCount), threadCount,
                $"A worker pool runs at most {MaximumThreadCount} threads; this machine has {Environment.ProcessorCount} processors.");
        ThreadCount = threadCount;
        _threads = new Thread[threadCount - 1];
        _wake = new ManualResetEventSlim[threadCount - 1];
        // A ManualResetEventSlim allocates its monitor the first time a waiter really blocks, which would make
        // a later Run allocate at a moment that depends on timing. One short blocked wait on each event here
        // creates them all up front, so every Run after construction allocates nothing.
        _allDone.Wait(1);
        for (int i = 0; i < _threads.Length; i++)
        {
            _wake[i] = new ManualResetEventSlim(false, 0);
            _wake[i].Wait(1);
            int slot = i;
            _threads[i] = new Thread(() => WorkerLoop(slot))
            {
                IsBackground = true,
                Name = $"MLExtensions worker {i + 1}",
            };
            _threads[i].Start();
        }
    }

    /// <summary>Threads that execute work, the caller included.</summary>
    public int ThreadCount { get; }

    /// <summary>
    /// Executes <paramref name="work"/> for every index in [0, <paramref name="count"/>) and returns when all
    /// are done. If items throw, remaining unclaimed items are skipped and the first exception is rethrown.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public void Run(ParallelWork work, int count)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (count == 0)
        {
            return;
        }

        if (_threads.Length == 0 || count == 1 || t_executingPool is not null)
        {
            for (int i = 0; i < count; i++)
            {
                work.Execute(i);
            }
            return;
        }

        lock (_runGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _work = work;
            _count = count;
            _nextIndex = 0;
            _firstError = null;
            _allDone.Reset();
            Volatile.Write(ref _activeWorkers, _threads.Length);
            // The generation bump publishes the fields above; workers re-read it after every wake-up.
            Interlocked.Increment(ref _generation);
            foreach (ManualResetEventSlim wake in _wake)
            {
                wake.Set();
            }

            t_executingPool = this;
            try
            {
                ExecuteItems();
            }
            finally
            {
                t_executingPool = null;
            }

            WaitForWorkers();
            _work = null;
            Exception? error = _firstError;
            _firstError = null;
            if (error is not null)
            {
                ExceptionDispatchInfo.Throw(error);
            }
        }
    }

    private void ExecuteItems()
    {
        ParallelWork work = _work!;
        int count = _count;
        while (true)
        {
            int index = Interlocked.Increment(ref _nextIndex) - 1;
            if (index >= count)
            {
                return;
            }
            try
            {
                work.Execute(index);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _firstError, ex, null);
                // Stop handing out items: the caller will see the exception anyway.
                Volatile.Write(ref _nextIndex, count);
                return;
            }
        }
    }

    private void WaitForWorkers()
    {
        for (int spin = 0; spin < SpinIterations; spin++)
        {
            if (Volatile.Read(ref _activeWorkers) == 0)
            {
                return;
            }
            Thread.SpinWait(8);
        }
        // The event alone is not proof: the worker that finished the previous Run sets it after its decrement,
        // and when the previous caller saw the zero while spinning, that Set can land after this Run's Reset —
        // a stale signal that would let the caller leave (and clear _work) while workers still run items. The
        // counter is the truth; the event only saves the spinning, so a stale wake-up just waits again.
        while (Volatile.Read(ref _activeWorkers) != 0)
        {
            _allDone.Wait();
            _allDone.Reset();
        }
    }

    private void WorkerLoop(int slot)
    {
        ManualResetEventSlim wake = _wake[slot];
        int seenGeneration = 0;
        t_executingPool = this;
        while (true)
        {
            int spins = 0;
            int generation;
            while ((generation = Volatile.Read(ref _generation)) == seenGeneration)
            {
                if (spins < SpinIterations)
                {
                    spins++;
                    Thread.SpinWait(8);
                }
                else
                {
                    // A Set that raced with an earlier spin-phase wake-up can leave the event signalled:
                    // the loop re-checks the generation, so a stale signal costs one extra iteration.
                    wake.Wait();
                    wake.Reset();
                }
            }
            seenGeneration = generation;
            if (_disposed)
            {
                return;
            }

            ExecuteItems();
            if (Interlocked.Decrement(ref _activeWorkers) == 0)
            {
                _allDone.Set();
            }
        }
    }

    /// <summary>Stops and joins the background threads, waiting for a <see cref="Run"/> in progress to finish; later
    /// calls to Run throw <see cref="ObjectDisposedException"/>. Calling it twice does nothing.</summary>
    public void Dispose()
    {
        lock (_runGate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            Interlocked.Increment(ref _generation);
            foreach (ManualResetEventSlim wake in _wake)
            {
                wake.Set();
            }
        }
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }
        foreach (ManualResetEventSlim wake in _wake)
        {
            wake.Dispose();
        }
        _allDone.Dispose();
    }
}
