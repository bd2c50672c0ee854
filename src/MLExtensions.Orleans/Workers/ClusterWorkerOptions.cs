namespace MLExtensions.Distributed;

/// <summary>How a silo runs units (set with <c>AddMLExtensionsWorkers(define, options =&gt; ...)</c>). Checked when the
/// silo starts its workers: a value out of range throws <see cref="ArgumentOutOfRangeException"/> naming the property.</summary>
public sealed class ClusterWorkerOptions
{
    /// <summary>Units (trials, folds, curve points) this silo trains at once, each on a thread of its own. Default: the
    /// silo's processor count; with MLP options' <c>NumberOfThreads</c> = 1 that keeps every core busy. At least 1.</summary>
    public int ConcurrentUnits { get; set; } = Environment.ProcessorCount;

    /// <summary>Data sets kept in memory; the least recently used one is dropped first. At least 1. Default 4.</summary>
    public int MaxCachedDataSets { get; set; } = 4;

    /// <summary>How long a finished unit's result waits for its client to collect it before it is dropped (a client that
    /// went away). Positive. Default 10 minutes.</summary>
    public TimeSpan ResultRetention { get; set; } = TimeSpan.FromMinutes(10);

    internal void Check()
    {
        if (ConcurrentUnits < 1)
            throw new ArgumentOutOfRangeException(nameof(ConcurrentUnits), ConcurrentUnits, "A silo must run at least one unit at a time.");
        if (MaxCachedDataSets < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxCachedDataSets), MaxCachedDataSets, "A silo must keep at least one data set.");
        if (ResultRetention <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ResultRetention), ResultRetention, "Results must be kept for a positive time.");
    }
}
