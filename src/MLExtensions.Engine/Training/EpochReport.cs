namespace MLExtensions.Engine.Training;

/// <summary>
/// One epoch as the trainer saw it. The training loss and metric are running means over the epoch's batches
/// (as Keras reports them); the loss includes the weight penalties. Validation figures are NaN when there is
/// no validation set.
/// </summary>
public sealed record EpochReport(
    int Epoch,
    double TrainingLoss,
    double TrainingMetric,
    double ValidationLoss,
    double ValidationMetric,
    float LearningRate,
    TimeSpan Duration,
    IReadOnlyList<LayerDiagnostics>? Diagnostics = null)
{
    /// <summary>"accuracy" for classification, "rmse" for regression.</summary>
    public string MetricName { get; init; } = "";
}
