using MLExtensions.Engine.Losses;

namespace MLExtensions.Engine.Training;

/// <summary>
/// The metric reported beside the loss: accuracy for the classification losses, RMSE for the regression
/// ones. Accumulates weighted over batches so an epoch's figure is exact, not a mean of batch means.
/// </summary>
public sealed class TaskMetric
{
    private enum Kind { MulticlassAccuracy, BinaryAccuracy, RootMeanSquaredError }

    private readonly Kind _kind;
    private double _sum;
    private double _weight;

    private TaskMetric(Kind kind) => _kind = kind;

    /// <summary>
    /// Binary accuracy for binary cross-entropy, multiclass accuracy for any loss whose targets are class
    /// indices (one target for several outputs), RMSE otherwise.
    /// </summary>
    /// <param name="loss">The loss the network trains with.</param>
    /// <param name="outputWidth">The network's output size.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    public static TaskMetric For(Loss loss, int outputWidth)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss is BinaryCrossEntropyLoss)
            return new TaskMetric(Kind.BinaryAccuracy);
        return loss.TargetWidth(outputWidth) == 1 && outputWidth > 1
            ? new TaskMetric(Kind.MulticlassAccuracy)
            : new TaskMetric(Kind.RootMeanSquaredError);
    }

    /// <summary>"accuracy" or "rmse", as <see cref="EpochReport.MetricName"/> reports it.</summary>
    public string Name => _kind == Kind.RootMeanSquaredError ? "rmse" : "accuracy";

    /// <summary>True for accuracy, false for RMSE.</summary>
    public bool HigherIsBetter => _kind != Kind.RootMeanSquaredError;

    /// <summary>Forgets everything accumulated, to start a new epoch or evaluation.</summary>
    public void Reset()
    {
        _sum = 0;
        _weight = 0;
    }

    /// <summary>The metric over everything accumulated since the last <see cref="Reset"/>: accuracy in [0, 1], or RMSE in
    /// the targets' units; NaN when the rows accumulated weigh nothing.</summary>
    public double Result => _weight > 0
        ? (_kind == Kind.RootMeanSquaredError ? Math.Sqrt(_sum / _weight) : _sum / _weight)
        : double.NaN;

    /// <summary>Adds a batch of raw network outputs (logits for classification) and their targets. A binary output
    /// counts as positive above 0 and a binary target from 0.5; a multiclass prediction is the first largest output.</summary>
    /// <param name="outputs">The outputs, [<paramref name="batch"/> × <paramref name="width"/>], row-major.</param>
    /// <param name="targets">The targets: one class index per row for accuracy, [batch × width] values for RMSE.</param>
    /// <param name="weights">One weight per row, or empty for weight 1 each.</param>
    /// <param name="batch">The number of rows.</param>
    /// <param name="width">The network's output size.</param>
    public void Accumulate(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int batch, int width)
    {
        for (int row = 0; row < batch; row++)
        {
            double w = weights.IsEmpty ? 1.0 : weights[row];
            var output = outputs.Slice(row * width, width);
            switch (_kind)
            {
                case Kind.MulticlassAccuracy:
                    int best = 0;
                    for (int c = 1; c < width; c++)
                        if (output[c] > output[best])
                            best = c;
                    _sum += best == (int)targets[row] ? w : 0;
                    _weight += w;
                    break;
                case Kind.BinaryAccuracy:
                    _sum += (output[0] > 0f) == (targets[row] >= 0.5f) ? w : 0;
                    _weight += w;
                    break;
                default:
                    var target = targets.Slice(row * width, width);
                    for (int j = 0; j < width; j++)
                    {
                        double error = output[j] - target[j];
                        _sum += w * error * error;
                    }
                    _weight += w * width;
                    break;
            }
        }
    }
}
