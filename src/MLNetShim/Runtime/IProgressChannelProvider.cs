namespace Microsoft.ML.Runtime;

public interface IProgressChannelProvider
{
    IProgressChannel StartProgressChannel(string name);
}
