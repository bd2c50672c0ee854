using ScottPlot;
using ScottPlot.Plottables;

namespace MLExtensions.Plots;

/// <summary>The look every panel starts from: a sans-serif font that Linux, macOS and Windows all resolve, and
/// scikit-learn's (matplotlib's) category colours, so the displays read like the ones users know.</summary>
internal static class PanelStyle
{
    /// <summary>matplotlib's "tab10" palette, the colours scikit-learn's displays draw with.</summary>
    public static readonly Color[] Colors =
    {
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    };

    public static Color ColorOf(int index) => Colors[index % Colors.Length];

    private static readonly string[] SansCandidates = { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI" };

    // ScottPlot's own choice on Linux (its Fonts.Sans included) is DejaVu Serif; plots read better in a sans-serif
    // face, so take the first common one that is installed, and ScottPlot's default when none is.
    private static readonly Lazy<string> SansFamily = new(() => SansCandidates.FirstOrDefault(f => SkiaSharp.SKFontManager.Default.MatchFamily(f) is not null) ?? Fonts.Default);

    public static Plot NewPanel(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(SansFamily.Value);
        plot.Title(title, 15);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        return plot;
    }

    /// <summary>The points whose coordinates are both finite: NaN marks a value that does not exist (no validation
    /// set, one class absent) and must leave a gap, not a line to zero.</summary>
    public static (double[] Xs, double[] Ys) Finite(IEnumerable<(double X, double Y)> points)
    {
        var kept = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        return (kept.Select(p => p.X).ToArray(), kept.Select(p => p.Y).ToArray());
    }

    /// <summary>A line of width 2 in palette colour <paramref name="colour"/>, named in the legend; a single point (which has
    /// no line to draw) is shown as a marker. Nothing is added for no points.</summary>
    public static Scatter? AddLine(Plot plot, double[] xs, double[] ys, string name, int colour)
    {
        if (xs.Length == 0)
            return null;
        var line = plot.Add.ScatterLine(xs, ys, ColorOf(colour));
        line.LineWidth = 2;
        line.MarkerSize = xs.Length == 1 ? 8 : 0;
        line.LegendText = name;
        return line;
    }

    /// <summary>Axis limits for curves that live in the unit square (ROC, precision-recall), with a margin to show the edges.</summary>
    public static void UnitSquare(Plot plot) => plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.05);
}
