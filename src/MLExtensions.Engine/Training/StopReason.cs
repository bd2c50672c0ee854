namespace MLExtensions.Engine.Training;

/// <summary>Why <see cref="NetworkTrainer.Fit"/> ended, as recorded in <see cref="TrainingHistory.StopReason"/>.</summary>
public enum StopReason
{
    /// <summary>Every requested epoch ran.</summary>
    Completed,

    /// <summary>The monitored quantity stopped improving for longer than the patience.</summary>
    EarlyStopping,

    /// <summary>The loss became NaN or infinite, or grew beyond the divergence bound.</summary>
    Diverged,

    /// <summary>The cancellation token was signalled.</summary>
    Cancelled,
}
