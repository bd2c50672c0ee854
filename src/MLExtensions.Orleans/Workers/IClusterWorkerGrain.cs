using Orleans.Concurrency;

namespace MLExtensions.Distributed;

/// <summary>
/// The worker of one silo, keyed by that silo's address: the client places it there (Orleans' placement hint) and asks it
/// to run units. A unit is started by the first <see cref="RunAsync"/> that names it and reported by a later one: each call
/// waits at most <c>wait</c> for the unit to finish, so no call outlives the client's response timeout however long a
/// trial trains, and a silo that goes away shows as a failed or lost call within one wait.
/// </summary>
internal interface IClusterWorkerGrain : IGrainWithStringKey
{
    Task<WorkerInfo> ConnectAsync();

    Task<UnitPoll> RunAsync(Guid run, int index, WorkUnit unit, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Drops every unit of the run on this silo and refuses its later polls: a unit waiting for a slot never starts,
    /// a search trial with MLP options stops at its next batch (the options carry the token), and a fold or curve point that has not
    /// begun fitting does not begin; one already fitting runs to its end, and its result is dropped.</summary>
    [OneWay]
    Task CancelRunAsync(Guid run);
}
