namespace MLExtensions.Distributed;

/// <summary>
/// Where a cluster run stands: units (trials, folds, curve points) known so far, finished (failures included), running
/// on a silo now, failed (search trials that failed or diverged), sent again after their silo was lost, and the silos
/// taking part; <see cref="Event"/> says what changed.
/// </summary>
public sealed record ClusterRunProgress(int Total, int Finished, int Running, int Failed, int Retried, int Silos, ClusterRunEvent Event)
{
    public override string ToString() =>
        $"{Finished}/{Total} finished, {Running} running, {Failed} failed, {Retried} retried on {Silos} silo{(Silos == 1 ? "" : "s")}: {Event}";
}
