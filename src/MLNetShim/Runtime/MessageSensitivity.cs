namespace Microsoft.ML.Runtime;

/// <summary>Flags a message's content so hosts can redact user data or schema details from logs.</summary>
[Flags]
public enum MessageSensitivity
{
    None = 0,
    UserData = 0x1,
    Schema = 0x2,
    Unknown = ~None,
    All = Unknown,
}
