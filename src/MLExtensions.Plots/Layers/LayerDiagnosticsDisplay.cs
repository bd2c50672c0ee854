using System.Globalization;
using MLExtensions.Engine.Training;
using ScottPlot;

namespace MLExtensions.Plots;

/// <summary>
/// Per-layer health plots, from the diagnostics training collects with <c>CollectDiagnostics = true</c>: each layer's
/// output distribution and the distribution of the loss gradient reaching it at one epoch (saturated tanh layers pile up at ±1, dead ReLU layers at 0, vanishing gradients shrink to
/// a spike), the update-to-weight ratio of each layer over the epochs (log scale, with the healthy 1e-3 marked) and
/// the spread of each layer's outputs over the epochs.
/// </summary>
public sealed class LayerDiagnosticsDisplay : Display
{
    private LayerDiagnosticsDisplay(Plot activations, Plot gradients, Plot ratios, Plot spread, int epoch)
        : base(new[] { activations, gradients, ratios, spread }, columns: 2, defaultWidth: 1200, defaultHeight: 900)
    {
        ActivationsPlot = activations;
        GradientsPlot = gradients;
        UpdateRatioPlot = ratios;
        ActivationSpreadPlot = spread;
        Epoch = epoch;
    }

    /// <summary>Each layer's output distribution at <see cref="Epoch"/>, as a density.</summary>
    public Plot ActivationsPlot { get; }

    /// <summary>The distribution of the loss gradient reaching each layer's output at <see cref="Epoch"/>, as a density.</summary>
    public Plot GradientsPlot { get; }

    /// <summary>log₁₀ of each parameterized layer's update-to-weight ratio, epoch by epoch.</summary>
    public Plot UpdateRatioPlot { get; }

    /// <summary>The standard deviation of each layer's outputs, epoch by epoch.</summary>
    public Plot ActivationSpreadPlot { get; }

    /// <summary>The 1-based epoch the distributions show.</summary>
    public int Epoch { get; }

    /// <summary>Draws the diagnostics of a training history, usually a fitted model's.</summary>
    /// <param name="history">The history of a training run with <c>CollectDiagnostics = true</c>.</param>
    /// <param name="epoch">The 1-based epoch whose distributions to show; null shows the last epoch with diagnostics.</param>
    /// <returns>The display.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    /// <exception cref="ArgumentException">No epoch has diagnostics.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is given and has no diagnostics.</exception>
    public static LayerDiagnosticsDisplay FromHistory(TrainingHistory history, int? epoch = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        return FromEpochs(history.Epochs, epoch);
    }

    /// <summary>Draws the diagnostics of reports collected as they arrived; reports without diagnostics (and null
    /// ones) are skipped.</summary>
    /// <param name="epochs">The reports, in order.</param>
    /// <param name="epoch">The 1-based epoch whose distributions to show; null shows the last epoch with diagnostics.</param>
    /// <returns>The display.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="epochs"/> is null.</exception>
    /// <exception cref="ArgumentException">No report has diagnostics.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is given and has no diagnostics.</exception>
    public static LayerDiagnosticsDisplay FromEpochs(IReadOnlyList<EpochReport> epochs, int? epoch = null)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var withDiagnostics = epochs.Where(e => e?.Diagnostics is { Count: > 0 }).ToArray();
        if (withDiagnostics.Length == 0)
            throw new ArgumentException("No epoch has layer diagnostics: train with CollectDiagnostics = true.", nameof(epochs));
        EpochReport shown;
        if (epoch is int chosen)
        {
            shown = withDiagnostics.FirstOrDefault(e => e.Epoch + 1 == chosen) ?? throw new ArgumentOutOfRangeException(nameof(epoch),
                $"Epoch {chosen} has no diagnostics; epochs with diagnostics run from {withDiagnostics[0].Epoch + 1} to {withDiagnostics[^1].Epoch + 1}.");
        }
        else
        {
            shown = withDiagnostics[^1];
        }
        var layers = shown.Diagnostics!;
        string at = string.Create(CultureInfo.InvariantCulture, $"epoch {shown.Epoch + 1}");

        var activations = PanelStyle.NewPanel($"Layer outputs ({at})", "value", "density");
        var gradients = PanelStyle.NewPanel($"Gradients at layer outputs ({at})", "value", "density");
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            AddDensity(activations, layer.Activations, Name(layer, layer.Activations), i);
            AddDensity(gradients, layer.Gradients, Name(layer, layer.Gradients), i);
        }

        var ratios = PanelStyle.NewPanel("Update / weight ratio (log₁₀)", "epoch", "log₁₀(‖update‖ / ‖weights‖)");
        var healthy = ratios.Add.HorizontalLine(-3, 1.5f, Colors.Black, LinePattern.Dashed);
        healthy.LegendText = "1e-3, healthy";
        var spread = PanelStyle.NewPanel("Layer output spread", "epoch", "standard deviation of outputs");
        foreach (int layerIndex in withDiagnostics.SelectMany(e => e.Diagnostics!).Select(d => d.Layer).Distinct().Order())
        {
            var description = withDiagnostics.SelectMany(e => e.Diagnostics!).First(d => d.Layer == layerIndex).Description;
            string name = string.Create(CultureInfo.InvariantCulture, $"{layerIndex}: {description}");
            var per = withDiagnostics.Select(e => (Epoch: (double)e.Epoch + 1, Layer: e.Diagnostics!.FirstOrDefault(d => d.Layer == layerIndex))).Where(p => p.Layer is not null).ToArray();
            AddTrace(ratios, PanelStyle.Finite(per.Select(p => (p.Epoch, p.Layer!.UpdateToWeightRatio > 0 ? Math.Log10(p.Layer.UpdateToWeightRatio) : double.NaN))), name, layerIndex);
            AddTrace(spread, PanelStyle.Finite(per.Select(p => (p.Epoch, p.Layer!.Activations.StandardDeviation))), name, layerIndex);
        }
        foreach (var plot in new[] { activations, gradients, ratios, spread })
            plot.ShowLegend(Alignment.UpperRight);
        foreach (var plot in new[] { ratios, spread })
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return new LayerDiagnosticsDisplay(activations, gradients, ratios, spread, shown.Epoch + 1);
    }

    private static string Name(LayerDiagnostics layer, DistributionSummary summary) =>
        string.Create(CultureInfo.InvariantCulture, $"{layer.Layer}: {layer.Description} (mean {summary.Mean:G3}, std {summary.StandardDeviation:G3})");

    /// <summary>The histogram as a density over its bins' centres: counts / (total · bin width), so layers of
    /// different ranges share one axis. A histogram of one value (zero width) is drawn as a single marker at height 1.</summary>
    internal static (double[] Xs, double[] Ys) Density(DistributionSummary summary)
    {
        var counts = summary.Histogram;
        long total = counts.Sum(c => (long)c);
        if (counts.Count == 0 || total == 0 || !double.IsFinite(summary.Minimum) || !double.IsFinite(summary.Maximum))
            return (Array.Empty<double>(), Array.Empty<double>());
        double width = (summary.Maximum - summary.Minimum) / counts.Count;
        if (width <= 0)
            return (new[] { summary.Minimum }, new[] { 1.0 });
        var xs = new double[counts.Count];
        var ys = new double[counts.Count];
        for (int b = 0; b < counts.Count; b++)
        {
            xs[b] = summary.Minimum + (b + 0.5) * width;
            ys[b] = counts[b] / (total * width);
        }
        return (xs, ys);
    }

    private static void AddDensity(Plot plot, DistributionSummary summary, string name, int colour)
    {
        var (xs, ys) = Density(summary);
        PanelStyle.AddLine(plot, xs, ys, name, colour);
    }

    private static void AddTrace(Plot plot, (double[] Xs, double[] Ys) points, string name, int colour) =>
        PanelStyle.AddLine(plot, points.Xs, points.Ys, name, colour);
}
