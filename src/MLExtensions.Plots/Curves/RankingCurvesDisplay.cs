using ScottPlot;

namespace MLExtensions.Plots;

/// <summary>
/// What the ROC and precision-recall displays share: one panel of <see cref="RankingCurve"/>s, one per class, in legend
/// order, on the unit square; a class with no positive or no negative row has an undefined curve, named in the legend
/// but not drawn.
/// </summary>
public abstract class RankingCurvesDisplay : Display
{
    private protected RankingCurvesDisplay(Plot plot, IReadOnlyList<RankingCurve> curves)
        : base(new[] { plot }, columns: 1, defaultWidth: 620, defaultHeight: 560)
    {
        Plot = plot;
        Curves = curves;
    }

    /// <summary>The one panel, for restyling before saving: false positive rate (x) against true positive rate (y) on a
    /// <see cref="RocCurveDisplay"/>, recall (x) against precision (y) on a <see cref="PrecisionRecallDisplay"/>, both
    /// axes from 0 to 1.</summary>
    public Plot Plot { get; }

    /// <summary>The curves plotted, in legend order; an undefined one is named in the legend but not drawn.</summary>
    public IReadOnlyList<RankingCurve> Curves { get; }

    /// <summary>
    /// A panel titled <paramref name="title"/> on which <paramref name="drawFirst"/> draws what lies under the curves and
    /// <paramref name="draw"/> draws each defined curve with its index (its colour); undefined curves are named in the legend.
    /// </summary>
    private protected static Plot DrawPanel(IReadOnlyList<RankingCurve> curves, string title, string xLabel, string yLabel,
        Action<Plot>? drawFirst, Action<Plot, RankingCurve, int> draw)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0)
            throw new ArgumentException("There is no curve to plot.", nameof(curves));
        for (int i = 0; i < curves.Count; i++)
        {
            if (curves[i] is null)
                throw new ArgumentException($"Curve {i} is null.", nameof(curves));
        }
        var plot = PanelStyle.NewPanel(title, xLabel, yLabel);
        drawFirst?.Invoke(plot);
        for (int i = 0; i < curves.Count; i++)
        {
            if (curves[i].IsDefined)
                draw(plot, curves[i], i);
            else
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{curves[i].Name}: undefined ({curves[i].Absence})" });
        }
        PanelStyle.UnitSquare(plot);
        return plot;
    }
}
