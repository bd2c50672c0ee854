namespace MLExtensions.Engine.Training;

/// <summary>Training produced a loss that is NaN, infinite or beyond the divergence bound.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(string message)
        : base(message)
    {
    }
}
