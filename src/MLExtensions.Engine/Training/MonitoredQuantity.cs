namespace MLExtensions.Engine.Training;

/// <summary>What early stopping and performance scheduling watch.</summary>
public enum MonitoredQuantity
{
    ValidationLoss,
    ValidationMetric,
    TrainingLoss,
    TrainingMetric,
}
