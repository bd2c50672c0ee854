namespace MLExtensions;

/// <summary>How a search trial ended (<see cref="SearchTrial.Status"/>).</summary>
public enum TrialStatus
{
    /// <summary>Trained and evaluated on every fold (or the hold-out set).</summary>
    Completed,

    /// <summary>Cut short because the training loss exploded (above the divergence factor times its baseline) or became NaN.</summary>
    Diverged,

    /// <summary>Training or evaluation threw; the message says why.</summary>
    Failed,
}
