namespace MLExtensions.Distributed;

/// <summary>What just happened in a cluster run: a unit ("trial 3", "fold 2", "64 rows") started, finished or failed on a
/// silo, was lost with its silo (and queued again), or a silo joined or left the run.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Unit">The unit's label ("trial 3", "fold 2", "64 rows"); empty for a silo joining or leaving.</param>
/// <param name="Silo">The silo it happened on (its Orleans address).</param>
/// <param name="Message">More about it, or null: a failed trial's message, why a unit or silo was lost, how many units a
/// joining silo runs at a time.</param>
public sealed record ClusterRunEvent(ClusterRunEventKind Kind, string Unit, string Silo, string? Message)
{
    /// <summary>One line for a log: "trial 3 finished on {silo}", "silo {silo} joined", with the message in
    /// parentheses.</summary>
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
