namespace MLExtensions.Tests.Reliability.Fuzzing;

/// <summary>How one load of a mutated file ended.</summary>
public enum FuzzOutcome
{
    /// <summary>Altered bytes refused with an <see cref="InvalidDataException"/>: the one clean way to fail.</summary>
    Refused,

    /// <summary>The mutation left the bytes as they were (a byte set to its own value, equal runs swapped), and the file loaded
    /// as the original.</summary>
    Unchanged,

    /// <summary>Altered bytes loaded, and the model scores the probe rows exactly as the original does.</summary>
    Identical,

    /// <summary>Resealed bytes (digests recomputed after the mutation) loaded and score differently: the forged file says so,
    /// and loading what it says is right.</summary>
    Altered,

    /// <summary>Loaded, but scores differently: the worst outcome, a silently changed model.</summary>
    SilentChange,

    /// <summary>Failed with any other exception (a crash a user cannot tell from a bug), or refused bytes the mutation left
    /// as they were (a valid file refused).</summary>
    UncleanException,

    /// <summary>Did not finish within the time bound.</summary>
    Hang,

    /// <summary>Ran out of memory.</summary>
    OutOfMemory,

    /// <summary>Ended cleanly but allocated more than the memory bound on the way.</summary>
    OverMemoryBound,
}
