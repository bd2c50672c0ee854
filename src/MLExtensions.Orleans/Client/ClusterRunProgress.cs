namespace MLExtensions.Distributed;

/// <summary>
/// Where a cluster run stands: units (trials, folds, curve points) known so far, finished (failures included), running
/// on a silo now, failed (search trials that failed or diverged), sent again after their silo was lost, and the silos
/// taking part; <see cref="Event"/> says what changed. A search counts the units of all its rounds so far.
/// </summary>
/// <param name="Total">Units handed to the cluster so far by this call.</param>
/// <param name="Finished">Units whose outcome is in, failures included.</param>
/// <param name="Running">Units running on a silo now.</param>
/// <param name="Failed">Finished units that failed: search trials that failed or diverged.</param>
/// <param name="Retried">Times a unit was queued again after its silo was lost.</param>
/// <param name="Silos">Silos taking part now.</param>
/// <param name="Event">What just happened.</param>
public sealed record ClusterRunProgress(int Total, int Finished, int Running, int Failed, int Retried, int Silos, ClusterRunEvent Event)
{
    /// <summary>One line for a log: "3/10 finished, 2 running, 0 failed, 1 retried on 2 silos: " and the event.</summary>
    public override string ToString() =>
        $"{Finished}/{Total} finished, {Running} running, {Failed} failed, {Retried} retried on {Silos} silo{(Silos == 1 ? "" : "s")}: {Event}";
}
