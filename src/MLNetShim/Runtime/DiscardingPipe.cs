namespace Microsoft.ML.Runtime;

/// <summary>Typed pipes have no listener in the shim; messages are dropped.</summary>
internal sealed class DiscardingPipe<TMessage> : IPipe<TMessage>
{
    internal DiscardingPipe(string name)
    {
        ContextDescription = name;
    }

    public string ContextDescription { get; }

    public TException Process<TException>(TException ex)
        where TException : Exception => ex;

    public void Send(TMessage msg)
    {
    }

    public void Dispose()
    {
    }
}
