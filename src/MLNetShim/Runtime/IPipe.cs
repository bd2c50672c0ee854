namespace Microsoft.ML.Runtime;

public interface IPipe<TMessage> : IExceptionContext, IDisposable
{
    void Send(TMessage msg);
}
