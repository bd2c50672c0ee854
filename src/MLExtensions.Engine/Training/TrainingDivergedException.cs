namespace MLExtensions.Engine.Training;

/// <summary>
/// Thrown by <see cref="MiniBatchTrainer.Step(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/> and <see cref="MiniBatchTrainer.TrainEpoch"/> when a step's loss or
/// gradient norm becomes NaN or infinite; that step's update is not applied, so the network keeps finite weights.
/// <see cref="NetworkTrainer.Fit"/> catches it and ends training with <see cref="StopReason.Diverged"/> instead.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What diverged and at which update, with advice on what to change.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }
}
