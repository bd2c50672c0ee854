using Microsoft.ML;
using MLExtensions.Plots.Tests.Support;

namespace MLExtensions.Plots.Tests.Curves;

public class CurveDisplayTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void BinaryRocDisplayPlotsTheReportsCurveWithMLNetsArea()
    {
        var report = _ml.BinaryClassification.EvaluateDetailed(Scored.Binary(_ml, Scored.EightBinaryRows));
        var display = RocCurveDisplay.FromReport(report);
        Rendered.Render(display);
        var curve = Assert.Single(Rendered.Scatters(display.Plot));
        Assert.Equal(report.RocCurve.Select(p => p.FalsePositiveRate), Rendered.Xs(curve));
        Assert.Equal(report.RocCurve.Select(p => p.TruePositiveRate), Rendered.Ys(curve));
        Assert.Contains($"AUC = {report.Metrics.AreaUnderRocCurve:0.000}", curve.LegendText);
        var limits = display.Plot.Axes.GetLimits();
        Assert.True(limits.Left <= 0 && limits.Right >= 1 && limits.Bottom <= 0 && limits.Top >= 1);
    }

    [Fact]
    public void CurveListsWithANullEntryAreRefusedNamingItsIndex()
    {
        var curve = RankingCurve.FromScores("x", Scored.EightBinaryRows.Select(r => (r.Label, r.Score)));
        var curves = new[] { curve, null! };

        var roc = Assert.Throws<ArgumentException>(() => RocCurveDisplay.FromCurves(curves));
        var pr = Assert.Throws<ArgumentException>(() => PrecisionRecallDisplay.FromCurves(curves));

        Assert.All(new[] { roc, pr }, e => Assert.Equal("curves", e.ParamName));
        Assert.All(new[] { roc, pr }, e => Assert.StartsWith("Curve 1 is null.", e.Message));
    }

    [Fact]
    public void MulticlassDisplaysDrawOneCurvePerClass()
    {
        var scored = Scored.Multiclass(_ml, Scored.TenRows);
        var roc = RocCurveDisplay.FromMulticlassScores(scored);
        var pr = PrecisionRecallDisplay.FromMulticlassScores(scored);
        Assert.Equal(3, Rendered.Scatters(roc.Plot).Length);
        Assert.Equal(3, Rendered.Scatters(pr.Plot).Length);
        for (int c = 0; c < 3; c++)
        {
            var line = Rendered.Scatters(pr.Plot)[c];
            var steps = pr.Curves[c].PrecisionRecall.GroupBy(p => p.Recall).Select(g => g.First()).ToArray();
            Assert.Equal(steps.Select(p => p.Recall), Rendered.Xs(line));
            Assert.Equal(steps.Select(p => p.Precision), Rendered.Ys(line));
            Assert.Equal(ScottPlot.ConnectStyle.StepVertical, line.ConnectStyle);
        }
    }

    [Fact]
    public void DrawnPrecisionRecallStepsEncloseTheAveragePrecision()
    {
        var scored = Scored.Multiclass(_ml, Scored.TenRows);
        var display = PrecisionRecallDisplay.FromMulticlassScores(scored);
        for (int c = 0; c < 3; c++)
        {
            var line = Rendered.Scatters(display.Plot)[c];
            var (xs, ys) = (Rendered.Xs(line), Rendered.Ys(line));
            double area = Enumerable.Range(1, xs.Length - 1).Sum(i => (xs[i] - xs[i - 1]) * ys[i]);
            Assert.Equal(display.Curves[c].AveragePrecision, area, 12);
        }
    }

    [Fact]
    public void BinaryPrecisionRecallDisplayShowsAveragePrecisionAndChanceLevel()
    {
        var report = _ml.BinaryClassification.EvaluateDetailed(Scored.Binary(_ml, Scored.EightBinaryRows));
        var display = PrecisionRecallDisplay.FromReport(report);
        var line = Assert.Single(Rendered.Scatters(display.Plot));
        Assert.Contains($"AP = {report.AveragePrecision:0.000}", line.LegendText);
        var chance = Assert.Single(display.Plot.GetPlottables<ScottPlot.Plottables.HorizontalLine>());
        Assert.Equal(0.5, chance.Y);
    }

    [Fact]
    public void ClassWithoutRowsIsNamedButNotDrawnAndNothingThrows()
    {
        // No row has class 2: its one-vs-rest curve does not exist.
        var rows = Scored.TenRows.Where(r => r.Label != 2).ToArray();
        var scored = Scored.Multiclass(_ml, rows);
        var roc = RocCurveDisplay.FromMulticlassScores(scored);
        var pr = PrecisionRecallDisplay.FromMulticlassScores(scored);
        Assert.Equal(2, Rendered.Scatters(roc.Plot).Length);
        Assert.Contains(roc.Plot.Legend.ManualItems, i => i.LabelText.Contains("no positive row"));
        Assert.Equal((400, 400), ImageFiles.PngSize(roc.GetPngBytes(400, 400)));
        Assert.Equal((400, 400), ImageFiles.PngSize(pr.GetPngBytes(400, 400)));
    }

    [Fact]
    public void BinaryReportPredictingOneClassRendersBothCurves()
    {
        // Every score is positive: one class predicted (ML.NET refuses data with one actual class outright).
        var report = _ml.BinaryClassification.EvaluateDetailed(Scored.Binary(_ml, new[] { (true, 3f), (false, 2f), (true, 1f), (false, 0.5f) }));
        var roc = RocCurveDisplay.FromReport(report);
        var pr = PrecisionRecallDisplay.FromReport(report);
        Assert.Equal(new[] { 0, 0, 0.5, 0.5, 1 }, Rendered.Xs(Assert.Single(Rendered.Scatters(roc.Plot))));
        // Drawn where recall rises: (0, 1), (0.5, 1), (1, 2/3).
        Assert.Equal(new[] { 1, 1, 2.0 / 3 }, Rendered.Ys(Assert.Single(Rendered.Scatters(pr.Plot))));
        Assert.Equal((300, 300), ImageFiles.PngSize(roc.GetPngBytes(300, 300)));
        Assert.Equal((300, 300), ImageFiles.PngSize(pr.GetPngBytes(300, 300)));
    }
}
