using Microsoft.ML.Runtime;

namespace Microsoft.ML;

/// <summary>Payload of <see cref="MLContext.Log"/>.</summary>
public class LoggingEventArgs : EventArgs
{
    public LoggingEventArgs(string message)
    {
        Message = message;
    }

    public LoggingEventArgs(string message, ChannelMessageKind kind, string source)
    {
        RawMessage = message;
        Kind = kind;
        Source = source;
        Message = $"[Source={Source}, Kind={Kind}] {RawMessage}";
    }

    public string Source { get; } = null!;

    public ChannelMessageKind Kind { get; }

    public string Message { get; }

    public string RawMessage { get; } = null!;
}
