namespace MLExtensions.Distributed;

/// <summary>
/// A cluster run stopped because a silo could not do a unit in a way retrying elsewhere would not mend: the unit itself
/// threw (a fold that cannot be fitted, as the local call would throw), the silo lacks a definition or reads other data
/// than the others, a unit was lost with its silo <see cref="ClusterRunOptions.MaxAttemptsPerUnit"/> times, or every
/// silo is gone. <see cref="RemoteExceptionType"/> names what the silo threw.
/// </summary>
public sealed class ClusterWorkerException : Exception
{
    /// <summary>Creates the exception a cluster run ends with.</summary>
    /// <param name="message">What went wrong, naming the unit and the silo.</param>
    /// <param name="silo">The silo that reported it (its Orleans address); null when no single silo did.</param>
    /// <param name="remoteExceptionType">The full type name of the exception the silo caught; null when there was none.</param>
    public ClusterWorkerException(string message, string? silo = null, string? remoteExceptionType = null)
        : base(message)
    {
        Silo = silo;
        RemoteExceptionType = remoteExceptionType;
    }

    /// <summary>The silo that reported it (its Orleans address), or null when no single silo did (every silo gone).</summary>
    public string? Silo { get; }

    /// <summary>The full type name of the exception the silo caught (for example <c>System.ArgumentOutOfRangeException</c>),
    /// or null when the run stopped for a reason of its own (different data, a unit lost too often, no silo left).</summary>
    public string? RemoteExceptionType { get; }
}
