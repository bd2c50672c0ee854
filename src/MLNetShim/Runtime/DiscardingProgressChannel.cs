namespace Microsoft.ML.Runtime;

/// <summary>Progress reporting is a no-op in the shim; nothing polls it.</summary>
internal sealed class DiscardingProgressChannel : IProgressChannel
{
    public void SetHeader(ProgressHeader header, Action<IProgressEntry> fillAction)
    {
    }

    public void Checkpoint(params double?[] values)
    {
    }

    public IProgressChannel StartProgressChannel(string name) => new DiscardingProgressChannel();

    public void Dispose()
    {
    }
}
