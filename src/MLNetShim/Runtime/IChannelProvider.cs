namespace Microsoft.ML.Runtime;

public interface IChannelProvider : IExceptionContext
{
    IChannel Start(string name);

    IPipe<TMessage> StartPipe<TMessage>(string name);
}
