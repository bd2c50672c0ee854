using System.Globalization;
using Microsoft.ML;
using ScottPlot;

namespace MLExtensions.Plots;

/// <summary>
/// Precision-recall curves as scikit-learn's <c>PrecisionRecallDisplay</c> draws them: precision against recall as a
/// step line over the recalls reached (the function whose area is the average precision), average precision in the legend, and each class's chance
/// level (its share of the rows). One curve for a binary report; one per class, one against the rest, for multiclass
/// scored data.
/// </summary>
public sealed class PrecisionRecallDisplay : RankingCurvesDisplay
{
    private PrecisionRecallDisplay(Plot plot, IReadOnlyList<RankingCurve> curves)
        : base(plot, curves)
    {
    }

    /// <summary>Draws the precision-recall curve of a binary evaluation (see <see cref="RankingCurve.FromReport"/>), named
    /// "positive".</summary>
    /// <param name="report">What <c>BinaryClassification.EvaluateDetailed</c> returned.</param>
    /// <returns>The display of one curve.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static PrecisionRecallDisplay FromReport(BinaryClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return FromCurves(new[] { RankingCurve.FromReport(report) }, "Precision-recall curve");
    }

    /// <summary>One-vs-rest curves from multiclass scored data (see <see cref="OneVsRest"/> for the columns read).</summary>
    /// <param name="scored">Multiclass output, usually the result of a fitted model's <c>Transform</c>.</param>
    /// <param name="labelColumnName">The label column: a key (of any width) or a Single class index. Default "Label".</param>
    /// <param name="scoreColumnName">The score column: a known-size vector of Single, one slot per class. Default "Score".</param>
    /// <returns>The display of one curve per class, in score slot order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scored"/> is null.</exception>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type (see <see cref="OneVsRest.Curves"/>).</exception>
    public static PrecisionRecallDisplay FromMulticlassScores(IDataView scored, string labelColumnName = "Label", string scoreColumnName = "Score") =>
        FromCurves(OneVsRest.Curves(scored, labelColumnName, scoreColumnName), "Precision-recall, one class against the rest");

    /// <summary>Draws curves already computed, for example one per model to compare them, each in the next palette
    /// colour; undefined curves are named in the legend but not drawn.</summary>
    /// <param name="curves">The curves, in legend order; at least one, none null.</param>
    /// <param name="title">The panel's title. Default "Precision-recall curve".</param>
    /// <returns>The display.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="curves"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="curves"/> is empty or an entry is null (the message names its index).</exception>
    public static PrecisionRecallDisplay FromCurves(IReadOnlyList<RankingCurve> curves, string title = "Precision-recall curve")
    {
        var panel = DrawPanel(curves, title, "recall", "precision", drawFirst: null, (plot, curve, i) =>
        {
            var steps = Steps(curve.PrecisionRecall);
            var line = plot.Add.ScatterLine(steps.Select(p => p.Recall).ToArray(), steps.Select(p => p.Precision).ToArray(), PanelStyle.ColorOf(i));
            line.ConnectStyle = ConnectStyle.StepVertical;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{curve.Name} (AP = {curve.AveragePrecision:0.000})");
            double prevalence = (double)curve.Positives / (curve.Positives + curve.Negatives);
            var chance = plot.Add.HorizontalLine(prevalence, 1, PanelStyle.ColorOf(i).WithAlpha(0.6), LinePattern.Dotted);
            if (i == 0)
                chance.LegendText = "chance level (class share)";
        });
        panel.ShowLegend(Alignment.LowerLeft);
        return new PrecisionRecallDisplay(panel, curves);
    }

    /// <summary>The points where recall rises, each with the precision reached there: the step function whose area is
    /// the average precision. Thresholds that only add negatives lower precision without moving recall; drawn, they
    /// would be spikes at one recall.</summary>
    internal static PrecisionRecallPoint[] Steps(IReadOnlyList<PrecisionRecallPoint> curve)
    {
        var steps = new List<PrecisionRecallPoint>();
        foreach (var point in curve)
        {
            if (steps.Count == 0 || point.Recall > steps[^1].Recall)
                steps.Add(point);
        }
        return steps.ToArray();
    }
}
