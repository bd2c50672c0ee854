namespace MLExtensions.Distributed;

/// <summary>What a <see cref="ClusterRunEvent"/> reports.</summary>
public enum ClusterRunEventKind
{
    /// <summary>A unit began on a silo; a unit lost with its silo begins again on another one.</summary>
    Started,

    /// <summary>A unit finished on a silo and its outcome was kept.</summary>
    Finished,

    /// <summary>Finished, but as a failure: a search trial that failed or diverged.</summary>
    Failed,

    /// <summary>Its silo went away (or stopped answering) before it finished; it is queued for another silo.</summary>
    Lost,

    /// <summary>A silo running MLExtensions workers joined the run (at its start, or found later); the message says how
    /// many units it runs at a time.</summary>
    SiloJoined,

    /// <summary>A silo left the run: a call to it failed or it stopped answering; the message says why.</summary>
    SiloLeft,
}
