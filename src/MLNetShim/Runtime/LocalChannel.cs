namespace Microsoft.ML.Runtime;

/// <summary>A channel that hands every message, with its source name, to the environment's sink.</summary>
internal sealed class LocalChannel : IChannel
{
    private readonly string _name;
    private readonly Action<string, ChannelMessage> _sink;

    internal LocalChannel(string name, Action<string, ChannelMessage> sink)
    {
        _name = name;
        _sink = sink;
    }

    public string ContextDescription => _name;

    public TException Process<TException>(TException ex)
        where TException : Exception => ex;

    public void Send(ChannelMessage msg) => _sink(_name, msg);

    public void Trace(MessageSensitivity sensitivity, string fmt) => Send(new ChannelMessage(ChannelMessageKind.Trace, sensitivity, fmt));

    public void Trace(MessageSensitivity sensitivity, string fmt, params object[] args) => Send(new ChannelMessage(ChannelMessageKind.Trace, sensitivity, fmt, args));

    public void Error(MessageSensitivity sensitivity, string fmt) => Send(new ChannelMessage(ChannelMessageKind.Error, sensitivity, fmt));

    public void Error(MessageSensitivity sensitivity, string fmt, params object[] args) => Send(new ChannelMessage(ChannelMessageKind.Error, sensitivity, fmt, args));

    public void Warning(MessageSensitivity sensitivity, string fmt) => Send(new ChannelMessage(ChannelMessageKind.Warning, sensitivity, fmt));

    public void Warning(MessageSensitivity sensitivity, string fmt, params object[] args) => Send(new ChannelMessage(ChannelMessageKind.Warning, sensitivity, fmt, args));

    public void Info(MessageSensitivity sensitivity, string fmt) => Send(new ChannelMessage(ChannelMessageKind.Info, sensitivity, fmt));

    public void Info(MessageSensitivity sensitivity, string fmt, params object[] args) => Send(new ChannelMessage(ChannelMessageKind.Info, sensitivity, fmt, args));

    public void Dispose()
    {
    }
}
