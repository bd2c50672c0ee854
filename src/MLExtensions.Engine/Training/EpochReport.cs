using System.Globalization;

namespace MLExtensions.Engine.Training;

/// <summary>
/// One epoch as the trainer saw it. The training loss and metric are running means over the epoch's batches
/// (as Keras reports them); the loss includes the weight penalties. Validation figures are NaN when there is
/// no validation set.
/// </summary>
/// <param name="Epoch">The 0-based index of the epoch.</param>
/// <param name="TrainingLoss">The mean loss over the epoch's batches, weighted by rows, weight penalties included.</param>
/// <param name="TrainingMetric">The task metric (<see cref="MetricName"/>) over the epoch's training batches.</param>
/// <param name="ValidationLoss">The weighted mean loss over the validation set without weight penalties, in inference
/// mode, after the epoch; NaN without a validation set.</param>
/// <param name="ValidationMetric">The task metric over the validation set after the epoch; NaN without a validation set.</param>
/// <param name="LearningRate">The optimizer's learning rate as the epoch began (a schedule stepped per update moves it
/// within the epoch).</param>
/// <param name="Duration">Wall-clock time of the epoch: its training pass, validation and diagnostics.</param>
/// <param name="Diagnostics">One entry per layer, in order, when <see cref="TrainingOptions.CollectDiagnostics"/> is set;
/// otherwise null.</param>
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

    /// <summary>The value of <paramref name="quantity"/> in this epoch (NaN for a validation figure without validation data).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantity"/> is not a defined value.</exception>
    public double Value(MonitoredQuantity quantity) => quantity switch
    {
        MonitoredQuantity.ValidationLoss => ValidationLoss,
        MonitoredQuantity.ValidationMetric => ValidationMetric,
        MonitoredQuantity.TrainingLoss => TrainingLoss,
        MonitoredQuantity.TrainingMetric => TrainingMetric,
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Unknown monitored quantity."),
    };

    /// <summary>One line for logs and progress: "epoch 3: loss 0.1234, accuracy 0.95, validation loss …, learning rate 0.001 (12 ms)".
    /// Epochs count from 1 here, as Keras prints them; <see cref="Epoch"/> itself is the 0-based index.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"epoch {Epoch + 1}: loss {TrainingLoss:0.######}");
        string metric = MetricName.Length > 0 ? MetricName : "metric";
        if (!double.IsNaN(TrainingMetric))
            text.Append(CultureInfo.InvariantCulture, $", {metric} {TrainingMetric:0.####}");
        if (!double.IsNaN(ValidationLoss))
            text.Append(CultureInfo.InvariantCulture, $", validation loss {ValidationLoss:0.######}");
        if (!double.IsNaN(ValidationMetric))
            text.Append(CultureInfo.InvariantCulture, $", validation {metric} {ValidationMetric:0.####}");
        text.Append(CultureInfo.InvariantCulture, $", learning rate {LearningRate:0.#######} ({Duration.TotalMilliseconds:0} ms)");
        return text.ToString();
    }
}
