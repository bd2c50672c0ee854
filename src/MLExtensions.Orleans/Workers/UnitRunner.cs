using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MLExtensions.Distributed;

/// <summary>
/// The units a silo is running or has finished, by run and index. A unit starts when it is first asked about, waits for
/// one of <see cref="ClusterWorkerOptions.ConcurrentUnits"/> slots and trains on a thread of its own (long CPU-bound work
/// stays off the thread pool Orleans answers calls on). Its result is kept until collected, or dropped once it has
/// waited <see cref="ClusterWorkerOptions.ResultRetention"/> (a client that went away). When the silo stops, every
/// unit is cancelled and reported lost at once, so the client sends it elsewhere without waiting for the stop to finish.
/// </summary>
internal sealed class UnitRunner : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly ConcurrentDictionary<(Guid Run, int Index), RunningUnit> _units = new();
    // Runs cancelled here, and when: a poll of theirs that arrives after the cancellation must not start its unit again.
    private readonly ConcurrentDictionary<Guid, DateTime> _cancelledRuns = new();
    private readonly UnitExecutor _executor;
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _retention;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger<UnitRunner> _logger;

    public UnitRunner(UnitExecutor executor, IOptions<ClusterWorkerOptions> options, ILogger<UnitRunner> logger)
    {
        options.Value.Check();
        _executor = executor;
        _logger = logger;
        ConcurrentUnits = options.Value.ConcurrentUnits;
        _slots = new SemaphoreSlim(ConcurrentUnits, ConcurrentUnits);
        _retention = options.Value.ResultRetention;
    }

    public int ConcurrentUnits { get; }

    /// <summary>Starts the unit if this silo does not have it yet, then waits up to <paramref name="wait"/> for its result.</summary>
    public async Task<UnitPoll> PollAsync(Guid run, int index, WorkUnit unit, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
            return UnitPoll.Lost("the silo is stopping");
        DropUncollected();
        if (_cancelledRuns.ContainsKey(run))
            return UnitPoll.Lost("its run was cancelled");
        var key = (run, index);
        RunningUnit running;
        lock (_units)
            running = _units.GetOrAdd(key, _ => new RunningUnit(token => RunAsync(unit, token), _stopping.Token));
        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var timeout = Task.Delay(wait, waiting.Token);
            await Task.WhenAny(running.Result, timeout, _stopped.Task).ConfigureAwait(false);
            waiting.Cancel();
        }
        if (running.Result.IsCompleted)
        {
            _units.TryRemove(new KeyValuePair<(Guid, int), RunningUnit>(key, running));
            return running.Result.Result;
        }
        if (_stopping.IsCancellationRequested)
            return UnitPoll.Lost("the silo is stopping");
        cancellationToken.ThrowIfCancellationRequested();
        return UnitPoll.Running;
    }

    /// <summary>Units held now (training, waiting for a slot, or finished and not yet collected).</summary>
    internal int UnitCount => _units.Count;

    public void CancelRun(Guid run)
    {
        _cancelledRuns[run] = DateTime.UtcNow;
        foreach (var (key, unit) in _units)
        {
            if (key.Run == run && _units.TryRemove(new KeyValuePair<(Guid, int), RunningUnit>(key, unit)))
                unit.Cancel();
        }
    }

    private async Task<UnitPoll> RunAsync(WorkUnit unit, CancellationToken cancellationToken)
    {
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return UnitPoll.Lost("cancelled before it started");
        }
        try
        {
            var poll = await Task.Factory.StartNew(() => _executor.Execute(unit, cancellationToken), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            // A cancelled MLP still returns a model (its best weights so far): that is not the unit's result.
            return cancellationToken.IsCancellationRequested ? UnitPoll.Lost("cancelled") : poll;
        }
        finally
        {
            _slots.Release();
        }
    }

    private void DropUncollected()
    {
        var now = DateTime.UtcNow;
        foreach (var (key, unit) in _units)
        {
            if (unit.FinishedAt is { } finished && now - finished > _retention)
                _units.TryRemove(new KeyValuePair<(Guid, int), RunningUnit>(key, unit));
        }
        foreach (var (run, cancelled) in _cancelledRuns)
        {
            if (now - cancelled > _retention)
                _cancelledRuns.TryRemove(new KeyValuePair<Guid, DateTime>(run, cancelled));
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(UnitRunner), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            _logger.LogInformation("Silo stopping: cancelling {Count} MLExtensions units", _units.Count);
            _stopping.Cancel();
            _stopped.TrySetResult();
            return Task.CompletedTask;
        });

    // Units may still be training when the container disposes the runner: they release their slot and read the stopping
    // token when they end, so both stay undisposed (neither holds a timer or a wait handle, so nothing leaks).
    public void Dispose()
    {
        _stopping.Cancel();
        _stopped.TrySetResult();
    }

    private sealed class RunningUnit
    {
        private readonly CancellationTokenSource _cancellation;

        public RunningUnit(Func<CancellationToken, Task<UnitPoll>> run, CancellationToken stopping)
        {
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            Result = run(_cancellation.Token);
            Result.ContinueWith(_ =>
            {
                FinishedAt = DateTime.UtcNow;
                lock (_cancellation)
                    _cancellation.Dispose();
            }, TaskScheduler.Default);
        }

        public Task<UnitPoll> Result { get; }

        public DateTime? FinishedAt { get; private set; }

        public void Cancel()
        {
            lock (_cancellation)
            {
                if (FinishedAt is null)
                    _cancellation.Cancel();
            }
        }
    }
}
