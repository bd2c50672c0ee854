using Microsoft.ML.Runtime;
using MLExtensions.Engine.Training;

namespace MLExtensions.Runtime;

/// <summary>
/// Sends each epoch's report to an ML.NET channel (so it reaches <c>mlContext.Log</c>, as ML.NET's own trainers'
/// progress does) and then to the user's own progress handler, if any. Reports arrive on the training thread,
/// one at a time.
/// </summary>
internal sealed class ChannelProgress : IProgress<EpochReport>
{
    private readonly IChannel _channel;
    private readonly IProgress<EpochReport>? _user;

    public ChannelProgress(IChannel channel, IProgress<EpochReport>? user)
    {
        _channel = channel ?? throw new ArgumentNullException(nameof(channel));
        _user = user;
    }

    public void Report(EpochReport value)
    {
        _channel.Info(MessageSensitivity.None, value.ToString());
        _user?.Report(value);
    }
}
