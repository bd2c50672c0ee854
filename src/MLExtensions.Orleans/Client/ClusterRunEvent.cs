namespace MLExtensions.Distributed;

/// <summary>What just happened in a cluster run: a unit ("trial 3", "fold 2", "64 rows") started, finished or failed on a
/// silo, was lost with its silo (and queued again), or a silo joined or left the run.</summary>
public sealed record ClusterRunEvent(ClusterRunEventKind Kind, string Unit, string Silo, string? Message)
{
    public override string ToString()
    {
        string what = Kind switch
        {
            ClusterRunEventKind.SiloJoined => $"silo {Silo} joined",
            ClusterRunEventKind.SiloLeft => $"silo {Silo} left",
            _ => $"{Unit} {Kind.ToString().ToLowerInvariant()} on {Silo}",
        };
        return Message is null ? what : $"{what} ({Message})";
    }
}
