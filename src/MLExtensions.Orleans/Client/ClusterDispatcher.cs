using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Placement;

namespace MLExtensions.Distributed;

/// <summary>
/// Hands a batch of units to the silos that run MLExtensions workers and collects one outcome per unit, in unit order.
/// Every silo gets as many units at a time as it runs side by side; a silo takes its next unit as soon as one finishes,
/// so fast silos do more. A silo that stops, dies or stops answering leaves the run and its unfinished units are queued
/// again for the others (a unit gives the same outcome wherever it runs, so a result is never lost or changed by this);
/// silos that join during the run are taken in, and a silo that left but still answers (a call lost on the way, say)
/// comes back at the next look for silos. Outcomes of one dispatcher must all come from the same data (the silos'
/// SHA-256 of their files), or the run stops.
/// </summary>
internal sealed class ClusterDispatcher
{
    private readonly IClusterClient _client;
    private readonly ClusterRunOptions _options;
    private readonly TimeSpan _wait;
    private readonly object _lock = new();
    private int _total, _finished, _running, _failed, _retried, _silos;
    private string? _fingerprint, _fingerprintSilo;

    public ClusterDispatcher(IClusterClient client, ClusterRunOptions? options)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new ClusterRunOptions();
        _options.Check();
        var responseTimeout = ResponseTimeout(client);
        _wait = _options.PollInterval < responseTimeout / 2 ? _options.PollInterval : responseTimeout / 2;
    }

    public async Task<TOutcome[]> RunAsync<TOutcome>(IReadOnlyList<WorkUnit> units, CancellationToken cancellationToken)
        where TOutcome : UnitOutcome
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (units.Count == 0)
            return Array.Empty<TOutcome>();
        lock (_lock)
            _total += units.Count;
        var outcomes = await new Run(this, units, cancellationToken).ExecuteAsync().ConfigureAwait(false);
        return outcomes.Select(o => o as TOutcome ?? throw new InvalidOperationException(
            $"A silo answered {o.GetType().Name} where {typeof(TOutcome).Name} was expected; the silos run another MLExtensions.Orleans version.")).ToArray();
    }

    private static TimeSpan ResponseTimeout(IClusterClient client)
    {
        var services = client.ServiceProvider;
        return services.GetService<IOptions<ClientMessagingOptions>>()?.Value.ResponseTimeout
               ?? services.GetService<IOptions<SiloMessagingOptions>>()?.Value.ResponseTimeout
               ?? TimeSpan.FromSeconds(30);
    }

    private void Report(ClusterRunEvent e) =>
        _options.Progress?.Report(new ClusterRunProgress(_total, _finished, _running, _failed, _retried, _silos, e));

    /// <summary>One batch: its queue, its outcomes and the silos working on it.</summary>
    private sealed class Run
    {
        private readonly ClusterDispatcher _owner;
        private readonly Guid _id = Guid.NewGuid();
        private readonly IReadOnlyList<WorkUnit> _units;
        private readonly UnitOutcome?[] _outcomes;
        private readonly int[] _attempts;
        private readonly Channel<int> _queue = Channel.CreateUnbounded<int>();
        private readonly TaskCompletionSource<UnitOutcome[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        // Not linked to the caller's token: a linked source left undisposed would keep its registration on a long-lived token.
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<string, Worker> _workers = new();
        // Silos whose worker cannot run there (no workers registered, or the worker went to another silo): never asked again.
        private readonly HashSet<string> _excluded = new();
        private readonly SemaphoreSlim _joining = new(1, 1);
        private int _remaining;
        private string? _lastConnectError;

        public Run(ClusterDispatcher owner, IReadOnlyList<WorkUnit> units, CancellationToken cancellationToken)
        {
            _owner = owner;
            _units = units;
            _outcomes = new UnitOutcome?[units.Count];
            _attempts = new int[units.Count];
            _remaining = units.Count;
            _cancellationToken = cancellationToken;
        }

        public async Task<UnitOutcome[]> ExecuteAsync()
        {
            for (int i = 0; i < _units.Count; i++)
                _queue.Writer.TryWrite(i);
            using var cancellation = _cancellationToken.Register(() =>
            {
                _stop.Cancel();
                _done.TrySetCanceled(_cancellationToken);
            });
            try
            {
                await JoinNewSilosAsync().ConfigureAwait(false);
                lock (_owner._lock)
                {
                    if (_workers.Values.All(w => w.Gone))
                        Fail(new ClusterWorkerException(NoSiloMessage()));
                }
                _ = RefreshAsync();
                return await _done.Task.ConfigureAwait(false);
            }
            finally
            {
                _stop.Cancel();
                _queue.Writer.TryComplete();
                // Also after success: a unit retried elsewhere may still be running on the silo that seemed lost.
                CancelEverywhere();
                lock (_owner._lock)
                    _owner._silos -= _workers.Values.Count(w => !w.Gone);
            }
        }

        private string NoSiloMessage() =>
            "No silo of the cluster runs MLExtensions workers" + (_excluded.Count == 0 ? "" : $" (silos asked: {string.Join(", ", _excluded)})") +
            (_lastConnectError is null ? "" : $" (last error: {_lastConnectError})") +
            ". Call siloBuilder.AddMLExtensionsWorkers(...) on the silos, with the same definitions as this client.";

        /// <summary>Takes in every active silo not working for this run (new ones, and ones that left but answer again) and
        /// starts one loop per unit it runs at once.</summary>
        private async Task JoinNewSilosAsync()
        {
            await _joining.WaitAsync(_stop.Token).ConfigureAwait(false);
            try
            {
                var hosts = await _owner._client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false);
                var joining = hosts.Keys.Where(silo =>
                {
                    string key = silo.ToParsableString();
                    lock (_owner._lock)
                        return !_excluded.Contains(key) && !(_workers.TryGetValue(key, out var worker) && !worker.Gone);
                }).Select(ConnectAsync).ToArray();
                var joined = (await Task.WhenAll(joining).ConfigureAwait(false)).OfType<Worker>().ToArray();
                // Slots start in turn across silos (each takes a unit as it starts), so the first units go one to a silo.
                for (int slot = 0; joined.Any(w => slot < w.ConcurrentUnits); slot++)
                {
                    foreach (var worker in joined.Where(w => slot < w.ConcurrentUnits))
                        _ = TakeUnitsAsync(worker);
                }
            }
            finally
            {
                _joining.Release();
            }
        }

        /// <summary>The silo's worker, or null when it does not answer or cannot run there.</summary>
        private async Task<Worker?> ConnectAsync(SiloAddress silo)
        {
            string key = silo.ToParsableString();
            var grain = _owner._client.GetGrain<IClusterWorkerGrain>(key);
            WorkerInfo info;
            try
            {
                info = await OnSilo(silo, () => grain.ConnectAsync()).WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                // Not answering now; a later look may find it back.
                lock (_owner._lock)
                    _lastConnectError = $"silo {key}: {e.GetType().Name}: {e.Message}";
                return null;
            }
            var worker = new Worker(silo, key, grain, info.ConcurrentUnits);
            lock (_owner._lock)
            {
                if (!info.OnIntendedSilo)
                {
                    _excluded.Add(key);
                    return null;
                }
                if (_stop.IsCancellationRequested)
                    return null;
                _workers[key] = worker;
                _owner._silos++;
                Report(new ClusterRunEvent(ClusterRunEventKind.SiloJoined, "", key, $"{info.ConcurrentUnits} at a time"));
            }
            return worker;
        }

        private async Task RefreshAsync()
        {
            try
            {
                while (true)
                {
                    await Task.Delay(_owner._options.SiloRefreshInterval, _stop.Token).ConfigureAwait(false);
                    await JoinNewSilosAsync().ConfigureAwait(false);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception)
            {
                // Looking for new silos is a bonus: the run goes on with the silos it has.
            }
        }

        /// <summary>One of a silo's slots: runs queued units there one after another until the queue closes or the silo leaves.</summary>
        private async Task TakeUnitsAsync(Worker worker)
        {
            try
            {
                while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
                {
                    if (worker.Gone)
                        return;
                    if (!_queue.Reader.TryRead(out int index))
                        continue;
                    lock (_owner._lock)
                    {
                        if (_outcomes[index] is not null)
                            continue;
                        _owner._running++;
                        Report(new ClusterRunEvent(ClusterRunEventKind.Started, _units[index].Label, worker.Key, null));
                    }
                    await RunUnitAsync(worker, index).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        }

        private async Task RunUnitAsync(Worker worker, int index)
        {
            var unit = _units[index];
            try
            {
                while (true)
                {
                    var poll = await OnSilo(worker.Silo, () => worker.Grain.RunAsync(_id, index, unit, _owner._wait, _stop.Token)).ConfigureAwait(false);
                    switch (poll.State)
                    {
                        case UnitPollState.Running:
                            continue;
                        case UnitPollState.Finished:
                            Complete(index, poll.Outcome!, worker);
                            return;
                        case UnitPollState.Failed:
                            lock (_owner._lock)
                            {
                                _owner._running--;
                                Fail(new ClusterWorkerException($"{Capitalized(unit.Label)} failed on silo {worker.Key}: {poll.Error}", worker.Key, poll.ErrorType));
                            }
                            return;
                        default:
                            Lose(index, worker, poll.Error ?? "lost");
                            return;
                    }
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                lock (_owner._lock)
                    _owner._running--;
            }
            catch (Exception e)
            {
                Lose(index, worker, $"{e.GetType().Name}: {e.Message}");
            }
        }

        private void Complete(int index, UnitOutcome outcome, Worker worker)
        {
            lock (_owner._lock)
            {
                _owner._running--;
                if (_outcomes[index] is not null || _done.Task.IsCompleted)
                    return;
                if (_owner._fingerprint is null)
                {
                    _owner._fingerprint = outcome.DataFingerprint;
                    _owner._fingerprintSilo = worker.Key;
                }
                else if (_owner._fingerprint != outcome.DataFingerprint)
                {
                    Fail(new ClusterWorkerException(
                        $"The silos read different data: silo {_owner._fingerprintSilo} read {_owner._fingerprint}, silo {worker.Key} read " +
                        $"{outcome.DataFingerprint} (SHA-256 prefix / rows). Every silo must find the same file at the data source's path.", worker.Key));
                    return;
                }
                _outcomes[index] = outcome;
                _owner._finished++;
                if (outcome.IsFailure)
                    _owner._failed++;
                Report(new ClusterRunEvent(outcome.IsFailure ? ClusterRunEventKind.Failed : ClusterRunEventKind.Finished,
                    _units[index].Label, worker.Key, (outcome as SearchTrialOutcome)?.Message));
                if (--_remaining == 0)
                {
                    _queue.Writer.TryComplete();
                    _done.TrySetResult(_outcomes!);
                }
            }
        }

        /// <summary>The unit's silo left (or stopped answering): the silo leaves the run and the unit goes back in the queue.</summary>
        private void Lose(int index, Worker worker, string why)
        {
            bool noneLeft;
            lock (_owner._lock)
            {
                _owner._running--;
                if (!worker.Gone)
                {
                    worker.Gone = true;
                    _owner._silos--;
                    Report(new ClusterRunEvent(ClusterRunEventKind.SiloLeft, "", worker.Key, why));
                }
                if (_outcomes[index] is not null || _done.Task.IsCompleted)
                    return;
                if (++_attempts[index] >= _owner._options.MaxAttemptsPerUnit)
                {
                    Fail(new ClusterWorkerException(
                        $"{Capitalized(_units[index].Label)} was lost with its silo {_attempts[index]} times (last on {worker.Key}: {why}); giving up.", worker.Key));
                    return;
                }
                _owner._retried++;
                Report(new ClusterRunEvent(ClusterRunEventKind.Lost, _units[index].Label, worker.Key, why));
                _queue.Writer.TryWrite(index);
                noneLeft = _workers.Values.All(w => w.Gone);
            }
            if (noneLeft)
                _ = RejoinAsync();
        }

        /// <summary>Every silo of the run has left: take in any that joined since, or stop.</summary>
        private async Task RejoinAsync()
        {
            try
            {
                await JoinNewSilosAsync().ConfigureAwait(false);
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
            }
            catch (Exception)
            {
                return;
            }
            lock (_owner._lock)
            {
                if (_workers.Values.All(w => w.Gone))
                    Fail(new ClusterWorkerException($"Every silo left the run with {_remaining} unit{(_remaining == 1 ? "" : "s")} unfinished, and no other silo runs MLExtensions workers."));
            }
        }

        private void Fail(Exception error) => _done.TrySetException(error);

        /// <summary>Every progress report of the run goes through here: a callback that throws ends the run with its exception
        /// (as it would end a local run) instead of breaking the bookkeeping of whichever step was reporting.</summary>
        private void Report(ClusterRunEvent e)
        {
            try
            {
                _owner.Report(e);
            }
            catch (Exception error)
            {
                Fail(error);
            }
        }

        private void CancelEverywhere()
        {
            List<Worker> workers;
            // Gone ones included: a silo left the run when a call to it failed, but it may be alive and still training.
            lock (_owner._lock)
                workers = _workers.Values.ToList();
            // One-way: nothing waits on a silo that may be gone, and a failed call has nothing to tell (OnSilo is async, so
            // any failure lands in the discarded task, observed by the continuation).
            foreach (var worker in workers)
                _ = OnSilo(worker.Silo, () => worker.Grain.CancelRunAsync(_id).ContinueWith(_ => true, TaskScheduler.Default));
        }

        private static string Capitalized(string label) => label.Length == 0 ? label : char.ToUpperInvariant(label[0]) + label[1..];

        /// <summary>A call to a silo's worker with Orleans' placement hint, so the worker is activated on that silo.</summary>
        private static async Task<T> OnSilo<T>(SiloAddress silo, Func<Task<T>> call)
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
            try
            {
                return await call().ConfigureAwait(false);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }
    }

    private sealed class Worker
    {
        public Worker(SiloAddress silo, string key, IClusterWorkerGrain grain, int concurrentUnits)
        {
            Silo = silo;
            Key = key;
            Grain = grain;
            ConcurrentUnits = concurrentUnits;
        }

        public int ConcurrentUnits { get; }

        public SiloAddress Silo { get; }

        public string Key { get; }

        public IClusterWorkerGrain Grain { get; }

        public bool Gone { get; set; }
    }
}
