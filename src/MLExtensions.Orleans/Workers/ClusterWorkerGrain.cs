using Orleans.Concurrency;

namespace MLExtensions.Distributed;

/// <summary>
/// A silo's <see cref="IClusterWorkerGrain"/>: a thin door to the silo's <see cref="UnitRunner"/>, which owns the units, so
/// the grain may be deactivated and activated again without losing any. Calls interleave (one per unit being run).
/// </summary>
[Reentrant]
internal sealed class ClusterWorkerGrain : Grain, IClusterWorkerGrain
{
    private readonly UnitRunner _runner;
    private readonly ILocalSiloDetails _silo;

    public ClusterWorkerGrain(UnitRunner runner, ILocalSiloDetails silo)
    {
        _runner = runner;
        _silo = silo;
    }

    private string Silo => _silo.SiloAddress.ToParsableString();

    // Activated away from the silo its key names (that silo is gone): it must not run that silo's units.
    private bool OnIntendedSilo => this.GetPrimaryKeyString() == Silo;

    public Task<WorkerInfo> ConnectAsync() => Task.FromResult(new WorkerInfo
    {
        OnIntendedSilo = OnIntendedSilo,
        ConcurrentUnits = _runner.ConcurrentUnits,
    });

    public Task<UnitPoll> RunAsync(Guid run, int index, WorkUnit unit, TimeSpan wait, CancellationToken cancellationToken) =>
        OnIntendedSilo
            ? _runner.PollAsync(run, index, unit, wait, cancellationToken)
            : Task.FromResult(UnitPoll.Lost($"the worker for silo {this.GetPrimaryKeyString()} was activated on silo {Silo}: its silo is gone"));

    public Task CancelRunAsync(Guid run)
    {
        _runner.CancelRun(run);
        return Task.CompletedTask;
    }
}
