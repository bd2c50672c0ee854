namespace Microsoft.ML.Runtime;

public enum ChannelMessageKind
{
    Trace = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
}
