namespace Microsoft.ML.Runtime;

public interface IProgressChannel : IProgressChannelProvider, IDisposable
{
    void SetHeader(ProgressHeader header, Action<IProgressEntry> fillAction);

    void Checkpoint(params double?[] values);
}
