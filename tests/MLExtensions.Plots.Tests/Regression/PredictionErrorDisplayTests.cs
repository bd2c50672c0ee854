using Microsoft.ML;
using MLExtensions.Plots.Tests.Support;
using ScottPlot.Plottables;

namespace MLExtensions.Plots.Tests.Regression;

public class PredictionErrorDisplayTests
{
    private readonly MLContext _ml = new(seed: 1);

    private static readonly (float Label, float Score)[] Rows = { (1, 1.5f), (2, 1.5f), (3, 3.25f), (float.NaN, 2), (4, float.NaN), (5, 4) };

    [Fact]
    public void PlotsActualAgainstPredictedAndTheResiduals()
    {
        var display = PredictionErrorDisplay.FromScores(Scored.Regression(_ml, Rows));
        Rendered.Render(display, 900, 400);
        Assert.Equal(4, display.RowCount);
        var cloud = Assert.Single(display.ActualVsPredictedPlot.GetPlottables<Markers>()).Data.GetScatterPoints();
        Assert.Equal(new[] { (1.5, 1.0), (1.5, 2.0), (3.25, 3.0), (4.0, 5.0) }, cloud.Select(p => (p.X, p.Y)));
        var residuals = Assert.Single(display.ResidualsPlot.GetPlottables<Markers>()).Data.GetScatterPoints();
        Assert.Equal(new[] { -0.5, 0.5, -0.25, 1.0 }, residuals.Select(p => p.Y));
        var diagonal = Assert.Single(display.ActualVsPredictedPlot.GetPlottables<LinePlot>());
        Assert.Equal((1.0, 5.0), (diagonal.Start.X, diagonal.End.X));
        var limits = display.ResidualsPlot.Axes.GetLimits();
        Assert.True(limits.Bottom <= -0.5 && limits.Top >= 1.0);
    }

    [Fact]
    public void LargeDataIsThinnedEvenly()
    {
        var rows = Enumerable.Range(0, 1000).Select(i => ((float)i, (float)i + 1)).ToArray();
        var display = PredictionErrorDisplay.FromScores(Scored.Regression(_ml, rows), maximumPoints: 300);
        Assert.Equal(1000, display.RowCount);
        Assert.Equal(250, display.Points.Count); // every 4th row
        Assert.Equal(4.0, display.Points[1].Actual);
    }

    [Fact]
    public void ConstantPredictionsRender()
    {
        var display = PredictionErrorDisplay.FromScores(Scored.Regression(_ml, new[] { (2f, 2f), (2f, 2f) }));
        Assert.Equal((500, 300), ImageFiles.PngSize(display.GetPngBytes(500, 300)));
    }

    [Fact]
    public void NoUsableRowOrAWrongColumnIsAClearError()
    {
        var empty = Assert.Throws<ArgumentException>(() => PredictionErrorDisplay.FromScores(Scored.Regression(_ml, new[] { (float.NaN, 1f) })));
        Assert.Contains("no row", empty.Message);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => PredictionErrorDisplay.FromScores(Scored.Regression(_ml, Rows), scoreColumnName: "Prediction"));
        Assert.Equal("scoreColumnName", missing.ParamName);
        Assert.Contains("The score column 'Prediction' was not found.", missing.Message);
    }
}
