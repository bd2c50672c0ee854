namespace Microsoft.ML.Runtime;

/// <summary>
/// A log message. Formatting is deferred to <see cref="Message"/> so unread trace messages cost nothing;
/// the constructors are internal as in ML.NET (outside code logs through <see cref="IChannel"/>).
/// </summary>
public readonly struct ChannelMessage
{
    public readonly ChannelMessageKind Kind;

    public readonly MessageSensitivity Sensitivity;

    private readonly string _message;
    private readonly object[]? _args;

    internal ChannelMessage(ChannelMessageKind kind, MessageSensitivity sensitivity, string message)
    {
        if (string.IsNullOrEmpty(message))
            throw new ArgumentException("Message must not be empty.", nameof(message));
        Kind = kind;
        Sensitivity = sensitivity;
        _message = message;
        _args = null;
    }

    internal ChannelMessage(ChannelMessageKind kind, MessageSensitivity sensitivity, string fmt, params object[] args)
    {
        if (string.IsNullOrEmpty(fmt))
            throw new ArgumentException("Format must not be empty.", nameof(fmt));
        if (args is null || args.Length == 0)
            throw new ArgumentException("Arguments must not be empty.", nameof(args));
        Kind = kind;
        Sensitivity = sensitivity;
        _message = fmt;
        _args = args;
    }

    public string Message => _args is null ? _message : string.Format(System.Globalization.CultureInfo.InvariantCulture, _message, _args);
}
