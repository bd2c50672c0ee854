using System.Globalization;
using Microsoft.ML;
using ScottPlot;

namespace MLExtensions.Plots;

/// <summary>
/// ROC curves as scikit-learn's <c>RocCurveDisplay</c> draws them: true positive rate against false positive rate, the
/// area under each curve in the legend and the chance diagonal. One curve for a binary report; one per class, one
/// against the rest, for multiclass scored data.
/// </summary>
public sealed class RocCurveDisplay : RankingCurvesDisplay
{
    private RocCurveDisplay(Plot plot, IReadOnlyList<RankingCurve> curves)
        : base(plot, curves)
    {
    }

    /// <summary>Draws the ROC curve of a binary evaluation (see <see cref="RankingCurve.FromReport"/>), named
    /// "positive".</summary>
    /// <param name="report">What <c>BinaryClassification.EvaluateDetailed</c> returned.</param>
    /// <returns>The display of one curve.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static RocCurveDisplay FromReport(BinaryClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return FromCurves(new[] { RankingCurve.FromReport(report) }, "ROC curve");
    }

    /// <summary>One-vs-rest curves from multiclass scored data (see <see cref="OneVsRest"/> for the columns read).</summary>
    /// <param name="scored">Multiclass output, usually the result of a fitted model's <c>Transform</c>.</param>
    /// <param name="labelColumnName">The label column: a key (of any width) or a Single class index. Default "Label".</param>
    /// <param name="scoreColumnName">The score column: a known-size vector of Single, one slot per class. Default "Score".</param>
    /// <returns>The display of one curve per class, in score slot order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scored"/> is null.</exception>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type (see <see cref="OneVsRest.Curves"/>).</exception>
    public static RocCurveDisplay FromMulticlassScores(IDataView scored, string labelColumnName = "Label", string scoreColumnName = "Score") =>
        FromCurves(OneVsRest.Curves(scored, labelColumnName, scoreColumnName), "ROC curves, one class against the rest");

    /// <summary>Draws curves already computed, for example one per model to compare them, each in the next palette
    /// colour; undefined curves are named in the legend but not drawn.</summary>
    /// <param name="curves">The curves, in legend order; at least one, none null.</param>
    /// <param name="title">The panel's title. Default "ROC curve".</param>
    /// <returns>The display.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="curves"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="curves"/> is empty or an entry is null (the message names its index).</exception>
    public static RocCurveDisplay FromCurves(IReadOnlyList<RankingCurve> curves, string title = "ROC curve")
    {
        var panel = DrawPanel(curves, title, "false positive rate", "true positive rate", DrawChanceDiagonal, (plot, curve, i) =>
        {
            var line = plot.Add.ScatterLine(curve.Roc.Select(p => p.FalsePositiveRate).ToArray(), curve.Roc.Select(p => p.TruePositiveRate).ToArray(), PanelStyle.ColorOf(i));
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{curve.Name} (AUC = {curve.AreaUnderRocCurve:0.000})");
        });
        panel.ShowLegend(Alignment.LowerRight);
        return new RocCurveDisplay(panel, curves);
    }

    private static void DrawChanceDiagonal(Plot plot)
    {
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LineColor = Colors.Gray;
        chance.LinePattern = LinePattern.Dashed;
        chance.LegendText = "chance (AUC = 0.5)";
    }
}
