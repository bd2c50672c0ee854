namespace MLExtensions.Distributed;

/// <summary>
/// A silo cannot run a unit at all (its definition is not registered there or differs from the client's, its data file
/// cannot be read): not the unit's own failure, so the whole run stops with this message.
/// </summary>
internal sealed class WorkerSetupException : Exception
{
    public WorkerSetupException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
