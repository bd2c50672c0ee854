namespace MLExtensions.Distributed;

/// <summary>
/// A cluster run stopped because a silo could not do a unit in a way retrying elsewhere would not mend: the unit itself
/// threw (a fold that cannot be fitted, as the local call would throw), the silo lacks a definition or reads other data
/// than the others, or every silo is gone. <see cref="RemoteExceptionType"/> names what the silo threw.
/// </summary>
public sealed class ClusterWorkerException : Exception
{
    public ClusterWorkerException(string message, string? silo = null, string? remoteExceptionType = null)
        : base(message)
    {
        Silo = silo;
        RemoteExceptionType = remoteExceptionType;
    }

    /// <summary>The silo that reported it, when one did.</summary>
    public string? Silo { get; }

    /// <summary>The full name of the exception the silo caught, when there was one.</summary>
    public string? RemoteExceptionType { get; }
}
