using Microsoft.ML;
using MLExtensions.Plots.Tests.Support;
using ScottPlot.Plottables;

namespace MLExtensions.Plots.Tests.Confusion;

public class ConfusionMatrixDisplayTests
{
    private readonly MLContext _ml = new(seed: 1);

    // Scored.TenRows by hand, actual (rows) × predicted (columns).
    private static readonly double[,] HandCounts =
    {
        { 3, 1, 0 },
        { 0, 2, 1 },
        { 1, 0, 2 },
    };

    private MulticlassClassificationReport Report() => _ml.MulticlassClassification.EvaluateDetailed(Scored.Multiclass(_ml, Scored.TenRows));

    [Fact]
    public void CountsAreTheHandCountedMatrix()
    {
        var display = ConfusionMatrixDisplay.FromReport(Report());
        Assert.Equal(HandCounts, display.Values);
        var heatmap = Assert.Single(display.Plot.GetPlottables<Heatmap>());
        Assert.Equal(HandCounts, heatmap.Intensities);
        Assert.Equal(9, display.Plot.GetPlottables<Text>().Count());
    }

    [Fact]
    public void CellLabelsSitOnTheirCellsWithActualClassZeroOnTop()
    {
        var display = ConfusionMatrixDisplay.FromReport(Report());
        var labels = display.Plot.GetPlottables<Text>().ToArray();
        // Actual 0, predicted 1 holds 1 and sits at x = 1, y = 2 (the top row of three).
        Assert.Contains(labels, t => t.LabelText == "1" && t.Location.X == 1 && t.Location.Y == 2);
        Assert.Contains(labels, t => t.LabelText == "3" && t.Location.X == 0 && t.Location.Y == 2);
        Assert.Contains(labels, t => t.LabelText == "2" && t.Location.X == 2 && t.Location.Y == 0);
    }

    [Fact]
    public void EachCellIsPaintedInTheColourOfItsValueWhereItsLabelSits()
    {
        var display = ConfusionMatrixDisplay.FromReport(Report());
        var png = display.GetPngBytes(600, 540);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        var heatmap = display.Plot.GetPlottables<Heatmap>().Single();
        for (int a = 0; a < 3; a++)
        {
            for (int p = 0; p < 3; p++)
            {
                // A point inside the cell, off its centre so the number printed there does not cover it.
                var pixel = display.Plot.GetPixel(new ScottPlot.Coordinates(p - 0.35, 2 - a + 0.35));
                var actual = bitmap.GetPixel((int)pixel.X, (int)pixel.Y);
                var expected = heatmap.Colormap.GetColor(HandCounts[a, p] / 3.0);
                Assert.True(Math.Abs(actual.Red - expected.R) <= 3 && Math.Abs(actual.Green - expected.G) <= 3 && Math.Abs(actual.Blue - expected.B) <= 3,
                    $"cell ({a}, {p}) of value {HandCounts[a, p]} is painted {actual}, expected {expected}");
            }
        }
    }

    [Theory]
    [InlineData(ConfusionMatrixNormalization.ByActual)]
    [InlineData(ConfusionMatrixNormalization.ByPredicted)]
    [InlineData(ConfusionMatrixNormalization.All)]
    public void NormalizedValuesAreTheCountsOverTheRightTotals(ConfusionMatrixNormalization normalization)
    {
        var values = ConfusionMatrixDisplay.FromReport(Report(), normalization).Values;
        for (int a = 0; a < 3; a++)
        {
            for (int p = 0; p < 3; p++)
            {
                double denominator = normalization switch
                {
                    ConfusionMatrixNormalization.ByActual => Enumerable.Range(0, 3).Sum(j => HandCounts[a, j]),
                    ConfusionMatrixNormalization.ByPredicted => Enumerable.Range(0, 3).Sum(i => HandCounts[i, p]),
                    _ => 10,
                };
                Assert.Equal(HandCounts[a, p] / denominator, values[a, p], 12);
            }
        }
    }

    [Fact]
    public void ClassNamesLabelTheAxes()
    {
        var display = ConfusionMatrixDisplay.FromReport(Report());
        Rendered.Render(display);
        var ticks = display.Plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.Equal(display.ClassNames, ticks);
        var limits = display.Plot.Axes.GetLimits();
        Assert.Equal((-0.5, 2.5), (limits.Left, limits.Right));
    }

    [Fact]
    public void BinaryReportGivesTheTwoByTwoMatrixNegativeFirst()
    {
        var report = _ml.BinaryClassification.EvaluateDetailed(Scored.Binary(_ml, Scored.EightBinaryRows));
        var display = ConfusionMatrixDisplay.FromReport(report);
        // Score > 0 predicts positive: negatives (0.5 wrong; −0.1, −1, −2 right), positives (2, 1, 0.2 right; −0.5 wrong).
        Assert.Equal(new double[,] { { 3, 1 }, { 1, 3 } }, display.Values);
        Assert.Equal(new[] { "negative", "positive" }, display.ClassNames);
    }

    [Fact]
    public void OneClassPredictedLeavesEmptyColumnsAtZeroAndRenders()
    {
        var rows = Scored.TenRows.Select(r => (r.Label, new[] { 0.9f, 0.05f, 0.05f })).ToArray();
        var report = _ml.MulticlassClassification.EvaluateDetailed(Scored.Multiclass(_ml, rows));
        var display = ConfusionMatrixDisplay.FromReport(report, ConfusionMatrixNormalization.ByPredicted);
        Assert.Equal(new double[,] { { 0.4, 0, 0 }, { 0.3, 0, 0 }, { 0.3, 0, 0 } }, display.Values);
        Assert.Equal((520, 460), ImageFiles.PngSize(display.GetPngBytes(520, 460)));
    }
}
