using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MLExtensions.Engine.Training;

/// <summary>Every epoch's report, why training stopped, and which epoch's weights the network holds.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs = new();

    /// <summary>One report per finished epoch, in order; an epoch cut short by divergence or cancellation has none.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>Why training ended.</summary>
    public StopReason StopReason { get; internal set; } = StopReason.Completed;

    /// <summary>A sentence on why training stopped, for logs and exceptions.</summary>
    public string StopMessage { get; internal set; } = "";

    /// <summary>The epoch whose weights the network holds after training (-1: the initial weights).</summary>
    public int BestEpoch { get; internal set; } = -1;

    internal void Add(EpochReport report) => _epochs.Add(report);

    private readonly List<string> _notes = new();

    /// <summary>What training had to say about its set-up, e.g. classes too small to reach a held-out validation set.</summary>
    public IReadOnlyList<string> Notes => _notes;

    internal void AddNote(string note) => _notes.Add(note);

    private static readonly string[] CsvColumns =
        { "epoch", "training_loss", "training_metric", "validation_loss", "validation_metric", "learning_rate", "seconds" };

    /// <summary>
    /// The epochs as CSV: a header <c>epoch,training_loss,training_metric,validation_loss,validation_metric,learning_rate,seconds</c>
    /// and one line per epoch, numbers in the invariant culture and round-trip precision, NaN (no validation set) as an
    /// empty field. Epochs are 0-based, as in <see cref="EpochReport.Epoch"/>.
    /// </summary>
    public string ToCsv()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", CsvColumns));
        foreach (var e in _epochs)
        {
            text.AppendLine(string.Join(",",
                e.Epoch.ToString(CultureInfo.InvariantCulture),
                Format(e.TrainingLoss), Format(e.TrainingMetric), Format(e.ValidationLoss), Format(e.ValidationMetric),
                Format(e.LearningRate), Format(e.Duration.TotalSeconds)));
        }
        return text.ToString();
    }

    private static string Format(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The whole history as indented JSON: <c>stop_reason</c>, <c>stop_message</c>, <c>best_epoch</c> and an <c>epochs</c>
    /// array with each epoch's figures, metric name and, when diagnostics were collected, its <c>layers</c>. Non-finite
    /// numbers are written as <c>null</c>, since JSON has no NaN.
    /// </summary>
    public string ToJson()
    {
        static double? Finite(double v) => double.IsFinite(v) ? v : null;
        var document = new
        {
            stop_reason = StopReason.ToString(),
            stop_message = StopMessage,
            best_epoch = BestEpoch,
            epochs = _epochs.Select(e => new
            {
                epoch = e.Epoch,
                metric = e.MetricName,
                training_loss = Finite(e.TrainingLoss),
                training_metric = Finite(e.TrainingMetric),
                validation_loss = Finite(e.ValidationLoss),
                validation_metric = Finite(e.ValidationMetric),
                learning_rate = e.LearningRate,
                seconds = e.Duration.TotalSeconds,
                layers = e.Diagnostics?.Select(d => new
                {
                    layer = d.Layer,
                    description = d.Description,
                    update_to_weight_ratio = Finite(d.UpdateToWeightRatio),
                    weight_norm = Finite(d.WeightNorm),
                    activation_mean = Finite(d.Activations.Mean),
                    activation_std = Finite(d.Activations.StandardDeviation),
                    activation_histogram = d.Activations.Histogram,
                    gradient_mean = Finite(d.Gradients.Mean),
                    gradient_std = Finite(d.Gradients.StandardDeviation),
                    gradient_histogram = d.Gradients.Histogram,
                }),
            }),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true });
    }
}
