namespace MLExtensions.Distributed;

/// <summary>How a client runs a search, cross-validation or learning curve on the cluster. Public fields, as the trainers'
/// options; they are checked when a run starts (or when a <see cref="ClusterHyperparameterSearch{TOptions}"/> is made), and
/// a value out of range throws <see cref="ArgumentOutOfRangeException"/> naming the field.</summary>
public sealed class ClusterRunOptions
{
    /// <summary>Receives a report each time a unit (trial, fold, curve point) starts, finishes, fails or is lost with its
    /// silo, and each time a silo joins or leaves the run, on the thread that saw it; keep it quick. A report that throws
    /// ends the run with that exception. Default null.</summary>
    public IProgress<ClusterRunProgress>? Progress;

    /// <summary>The longest a call asking a silo about a unit waits for it to finish before asking again. Silos that go
    /// away are noticed within this time (or the client's response timeout, when the silo dies without a word). Capped at
    /// half the client's response timeout. Positive. Default 10 seconds.</summary>
    public TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    /// <summary>How often a unit may be sent to a silo before the run gives up on it (each lost silo costs its units one
    /// attempt): the unit's last loss ends the run with a <see cref="ClusterWorkerException"/>. At least 1.
    /// Default 3.</summary>
    public int MaxAttemptsPerUnit = 3;

    /// <summary>How often the client looks for silos that joined the cluster since the run started. Positive.
    /// Default 30 seconds.</summary>
    public TimeSpan SiloRefreshInterval = TimeSpan.FromSeconds(30);

    internal void Check()
    {
        if (PollInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "PollInterval must be positive.");
        if (MaxAttemptsPerUnit < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxAttemptsPerUnit), MaxAttemptsPerUnit, "MaxAttemptsPerUnit must be at least 1.");
        if (SiloRefreshInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(SiloRefreshInterval), SiloRefreshInterval, "SiloRefreshInterval must be positive.");
    }
}
