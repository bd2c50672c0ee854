using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Plots.Tests.Support;

namespace MLExtensions.Plots.Tests.Diagnosis;

public class DiagnosisDisplayTests
{
    private sealed class Row
    {
        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();
        public string Label { get; set; } = "";
    }

    private static LearningCurveResult Curve(MLContext ml, int rows)
    {
        var random = new Random(5);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i =>
        {
            float x = (float)random.NextDouble() * 4 - 2, y = (float)random.NextDouble() * 4 - 2;
            return new Row { Features = new[] { x, y }, Label = x * y + 0.3 * (random.NextDouble() - 0.5) > 0 ? "same" : "opposite" };
        }));
        var estimator = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
        return LearningCurve.Compute(ml, PredictionKind.MulticlassClassification, estimator, data, minimumSize: 32, seed: 1);
    }

    [Fact]
    public void LearningCurvePlotsEachSizesErrorsOnALogTwoAxis()
    {
        var result = Curve(new MLContext(seed: 1), 400);
        var display = LearningCurveDisplay.FromResult(result);
        Rendered.Render(display);
        var training = Rendered.Series(display.Plot, "training error");
        var validation = Rendered.Series(display.Plot, "validation error");
        Assert.Equal(result.Points.Select(p => Math.Log2(p.TrainingSize)), Rendered.Xs(training));
        Assert.Equal(result.Points.Select(p => p.TrainingError), Rendered.Ys(training));
        Assert.Equal(result.Points.Select(p => p.ValidationError), Rendered.Ys(validation));
        var ticks = display.Plot.Axes.Bottom.TickGenerator.Ticks.Select(t => t.Label).ToArray();
        Assert.Equal(result.Points.Select(p => p.TrainingSize.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)), ticks);
    }

    [Fact]
    public void LearningCurveOfOneSizeRenders()
    {
        var result = LearningCurve.Compute(new MLContext(seed: 1), PredictionKind.MulticlassClassification,
            new MLContext(seed: 1).Transforms.Conversion.MapValueToKey("Label").Append(new MLContext(seed: 1).MulticlassClassification.Trainers.LbfgsMaximumEntropy()),
            new MLContext(seed: 1).Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new Row { Features = new[] { i % 2f, i % 3f }, Label = i % 2 == 0 ? "a" : "b" })),
            minimumSize: 1000, seed: 1);
        Assert.Single(result.Points);
        var display = LearningCurveDisplay.FromResult(result);
        Assert.Equal((500, 400), ImageFiles.PngSize(display.GetPngBytes(500, 400)));
    }

    [Fact]
    public void BiasVarianceBarsAreTheThreeErrorsWithTheGapsBetween()
    {
        var diagnosis = BiasVarianceDiagnosis.Diagnose(trainingError: 0.08, validationError: 0.1, humanLevelError: 0.01);
        var display = BiasVarianceDisplay.FromDiagnosis(diagnosis);
        Assert.Equal(new[] { 0.01, 0.08, 0.1 }, display.BarValues);
        var bars = Assert.Single(display.Plot.GetPlottables<ScottPlot.Plottables.BarPlot>()).Bars;
        Assert.Equal(new[] { 0.01, 0.08, 0.1 }, bars.Select(b => b.Value));
        var gaps = display.Plot.GetPlottables<ScottPlot.Plottables.LinePlot>().ToArray();
        Assert.Equal(2, gaps.Length);
        Assert.Equal((0.01, 0.08), (gaps[0].Start.Y, gaps[0].End.Y));
        Assert.Equal(ScottPlot.Colors.Red, gaps[0].LineColor); // avoidable bias 0.07 > 0.01
        Assert.Equal(ScottPlot.Colors.Red, gaps[1].LineColor); // variance 0.02 > 0.01
        Assert.Contains("bias", display.Plot.Axes.Title.Label.Text);
    }

    [Fact]
    public void BiasVarianceWithZeroErrorsRenders()
    {
        var display = BiasVarianceDisplay.FromDiagnosis(BiasVarianceDiagnosis.Diagnose(0, 0));
        Assert.Equal((400, 300), ImageFiles.PngSize(display.GetPngBytes(400, 300)));
        Assert.Equal(ScottPlot.Colors.Green, display.Plot.GetPlottables<ScottPlot.Plottables.LinePlot>().First().LineColor);
    }
}
