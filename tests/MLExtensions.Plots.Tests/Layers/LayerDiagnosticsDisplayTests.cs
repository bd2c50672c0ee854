using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Training;
using MLExtensions.Plots.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Plots.Tests.Layers;

public class LayerDiagnosticsDisplayTests
{
    [Fact]
    public void UpdateRatiosArePlottedAsLogTenPerLayerAndEpoch()
    {
        var display = LayerDiagnosticsDisplay.FromEpochs(Epochs.WithDiagnostics(4));
        Rendered.Render(display, 1000, 800);
        var layer0 = Rendered.Series(display.UpdateRatioPlot, "0: dense 4, tanh");
        Assert.Equal(new double[] { 1, 2, 3, 4 }, Rendered.Xs(layer0));
        Assert.Equal(new double[] { -2, -3, -4, -5 }, Rendered.Ys(layer0).Select(y => Math.Round(y, 12)));
        Assert.All(Rendered.Ys(Rendered.Series(display.UpdateRatioPlot, "1: dense 2")), y => Assert.Equal(-3, y, 12));
        Assert.Equal(-3, Assert.Single(display.UpdateRatioPlot.GetPlottables<ScottPlot.Plottables.HorizontalLine>()).Y);
    }

    [Fact]
    public void HistogramsAreDensitiesOverBinCentresAtTheChosenEpoch()
    {
        var display = LayerDiagnosticsDisplay.FromEpochs(Epochs.WithDiagnostics(4), epoch: 2);
        Assert.Equal(2, display.Epoch);
        var activations = Rendered.Scatters(display.ActivationsPlot);
        Assert.Equal(2, activations.Length);
        // Layer 0: counts 1, 2, 3, 4 over [−1, 1] in 4 bins of width 0.5: centres −0.75 … 0.75, density count / (10 · 0.5).
        Assert.Equal(new[] { -0.75, -0.25, 0.25, 0.75 }, Rendered.Xs(activations[0]));
        Assert.Equal(new[] { 0.2, 0.4, 0.6, 0.8 }, Rendered.Ys(activations[0]).Select(y => Math.Round(y, 12)));
        Assert.Contains("std 0.6", activations[0].LegendText); // epoch 2 is index 1: 0.5 + 0.1
        Assert.Equal(2, Rendered.Scatters(display.GradientsPlot).Length);
        var spread = Rendered.Series(display.ActivationSpreadPlot, "0: dense 4, tanh");
        Assert.Equal(new[] { 0.5, 0.6, 0.7, 0.8 }, Rendered.Ys(spread).Select(y => Math.Round(y, 12)));
    }

    [Fact]
    public void ConstantOutputsAndOneEpochRenderWithoutThrowing()
    {
        var constant = new DistributionSummary(0, 0, 0, 0, new[] { 8, 0, 0 });
        var report = new EpochReport(0, 0.5, double.NaN, double.NaN, double.NaN, 0.01f, TimeSpan.Zero,
            new[] { new LayerDiagnostics(0, "dense 3, relu", double.NaN, double.NaN, constant, constant) });
        var display = LayerDiagnosticsDisplay.FromEpochs(new[] { report });
        var spike = Assert.Single(Rendered.Scatters(display.ActivationsPlot));
        Assert.Equal(new[] { 0.0 }, Rendered.Xs(spike));
        Assert.Empty(Rendered.Scatters(display.UpdateRatioPlot));
        Assert.Equal((800, 600), ImageFiles.PngSize(display.GetPngBytes(800, 600)));
    }

    [Fact]
    public void NoDiagnosticsIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => LayerDiagnosticsDisplay.FromEpochs(Epochs.Five()));
        Assert.Contains("CollectDiagnostics", error.Message);
        var epoch = Assert.Throws<ArgumentOutOfRangeException>(() => LayerDiagnosticsDisplay.FromEpochs(Epochs.WithDiagnostics(3), epoch: 9));
        Assert.Contains("from 1 to 3", epoch.Message);
    }

    private sealed class Row
    {
        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();
        public float Label { get; set; }
    }

    [Fact]
    public void DiagnosticsTheTrainerCollectedArePlottedForEveryLayer()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(2);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 128).Select(_ =>
        {
            float a = (float)random.NextDouble(), b = (float)random.NextDouble();
            return new Row { Features = new[] { a, b }, Label = a - b };
        }));
        var model = ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options
        {
            HiddenLayerSizes = new[] { 8, 8 }, Activation = ActivationKind.Tanh, NumberOfEpochs = 3, EarlyStopping = false, ValidationFraction = 0,
            CollectDiagnostics = true, Seed = 1, NumberOfThreads = 1,
        }).Fit(data);
        var history = model.Model.History;
        var display = LayerDiagnosticsDisplay.FromHistory(history);
        int layers = history.Epochs[^1].Diagnostics!.Count;
        Assert.Equal(layers, Rendered.Scatters(display.ActivationsPlot).Length);
        Assert.Equal(3, display.Epoch);
        var first = history.Epochs.Select(e => Math.Log10(e.Diagnostics![0].UpdateToWeightRatio));
        Assert.Equal(first, Rendered.Ys(Rendered.Scatters(display.UpdateRatioPlot)[0]));
    }
}
