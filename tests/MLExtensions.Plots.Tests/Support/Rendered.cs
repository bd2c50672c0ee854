using ScottPlot;
using ScottPlot.Plottables;

namespace MLExtensions.Plots.Tests.Support;

/// <summary>What a display plotted, read back from its ScottPlot panels.</summary>
public static class Rendered
{
    /// <summary>Renders the display once (ScottPlot settles axis limits while rendering) and returns its PNG bytes.</summary>
    public static byte[] Render(Display display, int width = 640, int height = 480) => display.GetPngBytes(width, height);

    public static Scatter[] Scatters(Plot plot) => plot.GetPlottables<Scatter>().ToArray();

    public static Scatter Series(Plot plot, string legend) =>
        Assert.Single(Scatters(plot), s => s.LegendText == legend);

    public static Coordinates[] Points(Scatter scatter) => scatter.Data.GetScatterPoints().ToArray();

    public static double[] Xs(Scatter scatter) => Points(scatter).Select(p => p.X).ToArray();

    public static double[] Ys(Scatter scatter) => Points(scatter).Select(p => p.Y).ToArray();
}
