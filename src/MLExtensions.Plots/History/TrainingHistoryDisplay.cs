using System.Globalization;
using MLExtensions.Engine.Training;
using MLExtensions.Trainers;
using ScottPlot;

namespace MLExtensions.Plots;

/// <summary>
/// Learning curves over epochs, as Keras users plot <c>history.history</c>: the loss (training and validation, with
/// the learning rate on a second axis) and the metric (training and validation), each with the epoch whose weights
/// were kept marked. Epochs count from 1, as the trainer prints them.
/// </summary>
public sealed class TrainingHistoryDisplay : Display
{
    private TrainingHistoryDisplay(Plot loss, Plot metric, int? bestEpoch, string metricName)
        : base(new[] { loss, metric }, columns: 2, defaultWidth: 1100, defaultHeight: 420)
    {
        LossPlot = loss;
        MetricPlot = metric;
        BestEpoch = bestEpoch;
        MetricName = metricName;
    }

    /// <summary>The left panel: training and validation loss by epoch, the learning rate on the right axis, and how
    /// training stopped in the title. A validation series is absent when there was no validation set.</summary>
    public Plot LossPlot { get; }

    /// <summary>The right panel: the training and validation metric (<see cref="MetricName"/>) by epoch.</summary>
    public Plot MetricPlot { get; }

    /// <summary>The 1-based epoch marked as kept, or null when the initial weights were kept or none is known.</summary>
    public int? BestEpoch { get; }

    /// <summary>"accuracy", "rmse", or "metric" when the reports name none.</summary>
    public string MetricName { get; }

    /// <summary>Draws the training history of a fitted MLP transformer's <c>Model</c>.</summary>
    /// <param name="model">The model parameters of a fitted MLP transformer.</param>
    /// <returns>The display of <see cref="MlpModelParameters.History"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The history has no epochs.</exception>
    public static TrainingHistoryDisplay FromModel(MlpModelParameters model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return FromHistory(model.History);
    }

    /// <summary>Draws a training history: every epoch, the kept epoch and the reason training stopped.</summary>
    /// <param name="history">The history, usually a fitted model's.</param>
    /// <returns>The display.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="history"/> has no epochs.</exception>
    public static TrainingHistoryDisplay FromHistory(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return FromEpochs(history.Epochs, history.BestEpoch, history.StopReason);
    }

    /// <summary>From reports collected as they arrived (for example by an <c>IProgress&lt;EpochReport&gt;</c>).</summary>
    /// <param name="epochs">The reports, in order; at least one, none null.</param>
    /// <param name="bestEpoch">The 0-based index of the epoch whose weights were kept (as <see cref="TrainingHistory.BestEpoch"/>);
    /// negative, or an epoch not among <paramref name="epochs"/>, marks none. Default -1.</param>
    /// <param name="stopReason">Why training stopped, shown in the loss panel's title. Default <see cref="StopReason.Completed"/>.</param>
    /// <returns>The display.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="epochs"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="epochs"/> is empty or holds a null report.</exception>
    public static TrainingHistoryDisplay FromEpochs(IReadOnlyList<EpochReport> epochs, int bestEpoch = -1, StopReason stopReason = StopReason.Completed)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        if (epochs.Count == 0)
            throw new ArgumentException("The training history has no epochs to plot.", nameof(epochs));
        for (int i = 0; i < epochs.Count; i++)
        {
            if (epochs[i] is null)
                throw new ArgumentException($"Epoch report {i} is null.", nameof(epochs));
        }
        string metricName = epochs.Select(e => e.MetricName).FirstOrDefault(n => n.Length > 0) ?? "metric";
        int? best = bestEpoch >= 0 && epochs.Any(e => e.Epoch == bestEpoch) ? bestEpoch + 1 : null;
        string stop = stopReason switch
        {
            StopReason.EarlyStopping => "stopped early",
            StopReason.Diverged => "diverged",
            StopReason.Cancelled => "cancelled",
            _ => "completed",
        };

        var loss = PanelStyle.NewPanel($"Loss ({stop} after {epochs.Count} epoch{(epochs.Count == 1 ? "" : "s")})", "epoch", "loss");
        AddSeries(loss, epochs, e => e.TrainingLoss, "training loss", 0);
        AddSeries(loss, epochs, e => e.ValidationLoss, "validation loss", 1);
        var (rateEpochs, rates) = PanelStyle.Finite(epochs.Select(e => ((double)e.Epoch + 1, (double)e.LearningRate)));
        if (rates.Length > 0)
        {
            var rate = loss.Add.ScatterLine(rateEpochs, rates, Colors.Gray);
            rate.LinePattern = LinePattern.Dotted;
            rate.LineWidth = 1.5f;
            rate.LegendText = "learning rate (right axis)";
            rate.Axes.YAxis = loss.Axes.Right;
            loss.Axes.Right.Label.Text = "learning rate";
            loss.Axes.Right.Label.FontSize = 13;
            // From zero up, so a constant rate is a flat line at its value (autoscaling a constant centres it on zero).
            if (rates.Max() > 0)
                loss.Axes.SetLimitsY(0, rates.Max() * 1.15, loss.Axes.Right);
        }

        var metric = PanelStyle.NewPanel(Capitalize(metricName), "epoch", metricName);
        AddSeries(metric, epochs, e => e.TrainingMetric, $"training {metricName}", 0);
        AddSeries(metric, epochs, e => e.ValidationMetric, $"validation {metricName}", 1);

        foreach (var plot in new[] { loss, metric })
        {
            if (best is int kept)
            {
                var line = plot.Add.VerticalLine(kept, 1.5f, Colors.Black, LinePattern.Dashed);
                line.LegendText = string.Create(CultureInfo.InvariantCulture, $"kept weights (epoch {kept})");
            }
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }
        // Losses fall, leaving the upper right empty; accuracy rises, leaving the lower right empty.
        loss.ShowLegend(Alignment.UpperRight);
        metric.ShowLegend(metricName == "accuracy" ? Alignment.LowerRight : Alignment.UpperRight);
        return new TrainingHistoryDisplay(loss, metric, best, metricName);
    }

    private static void AddSeries(Plot plot, IReadOnlyList<EpochReport> epochs, Func<EpochReport, double> value, string name, int colour)
    {
        var (xs, ys) = PanelStyle.Finite(epochs.Select(e => ((double)e.Epoch + 1, value(e))));
        PanelStyle.AddLine(plot, xs, ys, name, colour);
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
