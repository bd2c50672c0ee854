namespace MLExtensions.Engine.Training;

/// <summary>
/// The per-epoch figure of an <see cref="EpochReport"/> that early stopping (<see cref="EarlyStoppingOptions.Monitor"/>),
/// reduce-on-plateau (<see cref="TrainingOptions.PlateauMonitor"/>) and the best-weights choice watch. The metric is
/// accuracy for the classification losses and RMSE for the regression losses (<see cref="TaskMetric"/>).
/// </summary>
public enum MonitoredQuantity
{
    /// <summary>The weighted mean loss over the validation set, without weight penalties, in inference mode. Needs a
    /// validation set (given, or held out by <see cref="TrainingOptions.ValidationFraction"/>).</summary>
    ValidationLoss,

    /// <summary>The task metric over the validation set, in inference mode. Needs a validation set.</summary>
    ValidationMetric,

    /// <summary>The running mean of the training loss over the epoch's batches, weight penalties included.</summary>
    TrainingLoss,

    /// <summary>The task metric over the epoch's training batches, accumulated as the weights moved.</summary>
    TrainingMetric,
}
