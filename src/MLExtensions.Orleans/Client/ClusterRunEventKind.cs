namespace MLExtensions.Distributed;

/// <summary>What a <see cref="ClusterRunEvent"/> reports.</summary>
public enum ClusterRunEventKind
{
    Started,
    Finished,

    /// <summary>Finished, but as a failure: a search trial that failed or diverged.</summary>
    Failed,

    /// <summary>Its silo went away (or stopped answering) before it finished; it is queued for another silo.</summary>
    Lost,

    SiloJoined,
    SiloLeft,
}
