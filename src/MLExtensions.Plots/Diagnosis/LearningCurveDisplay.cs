using System.Globalization;
using ScottPlot;

namespace MLExtensions.Plots;

/// <summary>
/// A learning curve as scikit-learn's <c>LearningCurveDisplay</c> draws it: training and validation error against the
/// number of training rows (on a log₂ axis, since the sizes double), with the gap between them shaded and the verdict
/// on whether more data would help in the title.
/// </summary>
public sealed class LearningCurveDisplay : Display
{
    private LearningCurveDisplay(Plot plot, LearningCurveResult result)
        : base(new[] { plot }, columns: 1, defaultWidth: 760, defaultHeight: 500)
    {
        Plot = plot;
        Result = result;
    }

    /// <summary>The one panel: training and validation error (error rate for classification, RMSE for regression)
    /// against training rows, the shaded gap between them, and the verdict as the title.</summary>
    public Plot Plot { get; }

    /// <summary>The learning curve drawn.</summary>
    public LearningCurveResult Result { get; }

    /// <summary>Draws a learning curve computed by <c>LearningCurve</c>, one point per training-set size.</summary>
    /// <param name="result">The errors by training-set size and the verdict.</param>
    /// <returns>The display.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="result"/> has no points.</exception>
    public static LearningCurveDisplay FromResult(LearningCurveResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Points.Count == 0)
            throw new ArgumentException("The learning curve has no points.", nameof(result));
        string error = result.Kind == PredictionKind.Regression ? "RMSE" : "error rate";
        var plot = PanelStyle.NewPanel($"Learning curve: {Verdict(result.Verdict)}", "training rows", error);

        var sizes = result.Points.Select(p => Math.Log2(p.TrainingSize)).ToArray();
        var training = result.Points.Select(p => p.TrainingError).ToArray();
        var validation = result.Points.Select(p => p.ValidationError).ToArray();
        var gap = plot.Add.FillY(sizes, training, validation);
        gap.FillColor = PanelStyle.ColorOf(1).WithAlpha(0.15);
        gap.LineWidth = 0;
        gap.LegendText = "gap (variance)";
        foreach (var (values, name, colour) in new[] { (training, "training error", 0), (validation, "validation error", 1) })
        {
            var (xs, ys) = PanelStyle.Finite(sizes.Zip(values));
            var series = plot.Add.ScatterLine(xs, ys, PanelStyle.ColorOf(colour));
            series.LineWidth = 2;
            series.MarkerSize = 8;
            series.LegendText = name;
        }
        plot.Axes.Bottom.SetTicks(sizes, result.Points.Select(p => p.TrainingSize.ToString("N0", CultureInfo.InvariantCulture)).ToArray());
        if (sizes.Length == 1)
            plot.Axes.SetLimitsX(sizes[0] - 1, sizes[0] + 1);
        plot.ShowLegend(Alignment.UpperRight);
        return new LearningCurveDisplay(plot, result);
    }

    private static string Verdict(MoreDataVerdict verdict) => verdict switch
    {
        MoreDataVerdict.LikelyHelps => "more data should help",
        MoreDataVerdict.PlateauedWithGap => "plateaued with a gap, regularize",
        MoreDataVerdict.UnlikelyHelps => "converged, more data will not help",
        _ => "too few sizes for a trend",
    };
}
