using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Engine.Training;
using MLExtensions.Plots.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Plots.Tests.History;

public class TrainingHistoryDisplayTests
{
    [Fact]
    public void PlotsEachSeriesAtOneBasedEpochs()
    {
        var display = TrainingHistoryDisplay.FromEpochs(Epochs.Five(), bestEpoch: 2);
        Rendered.Render(display);

        var expectedEpochs = new double[] { 1, 2, 3, 4, 5 };
        var training = Rendered.Series(display.LossPlot, "training loss");
        Assert.Equal(expectedEpochs, Rendered.Xs(training));
        Assert.Equal(Epochs.TrainingLoss, Rendered.Ys(training));
        Assert.Equal(Epochs.ValidationLoss, Rendered.Ys(Rendered.Series(display.LossPlot, "validation loss")));
        Assert.Equal(Epochs.TrainingAccuracy, Rendered.Ys(Rendered.Series(display.MetricPlot, "training accuracy")));
        Assert.Equal(Epochs.ValidationAccuracy, Rendered.Ys(Rendered.Series(display.MetricPlot, "validation accuracy")));
        var rate = Rendered.Series(display.LossPlot, "learning rate (right axis)");
        Assert.Equal(Epochs.LearningRates.Select(r => (double)r), Rendered.Ys(rate));
        Assert.Same(display.LossPlot.Axes.Right, rate.Axes.YAxis);
    }

    [Fact]
    public void MarksTheKeptEpochOnBothPanels()
    {
        var display = TrainingHistoryDisplay.FromEpochs(Epochs.Five(), bestEpoch: 2);
        Assert.Equal(3, display.BestEpoch);
        foreach (var plot in display.Panels)
        {
            var line = Assert.Single(plot.GetPlottables<ScottPlot.Plottables.VerticalLine>());
            Assert.Equal(3, line.X);
        }
    }

    [Fact]
    public void AxesSpanTheEpochsAndTheLosses()
    {
        var display = TrainingHistoryDisplay.FromEpochs(Epochs.Five(), bestEpoch: 2);
        Rendered.Render(display);
        var limits = display.LossPlot.Axes.GetLimits();
        Assert.InRange(limits.Left, 0.5, 1.0);
        Assert.InRange(limits.Right, 5.0, 5.5);
        Assert.InRange(limits.Bottom, 0.2, 0.3);
        Assert.InRange(limits.Top, 1.1, 1.3);
    }

    [Fact]
    public void NaNValidationLeavesTheValidationSeriesOutAndKeepsTraining()
    {
        var epochs = Epochs.Five().Select(e => e with { ValidationLoss = double.NaN, ValidationMetric = double.NaN }).ToList();
        var display = TrainingHistoryDisplay.FromEpochs(epochs);
        Rendered.Render(display);
        Assert.DoesNotContain(Rendered.Scatters(display.LossPlot), s => s.LegendText == "validation loss");
        Assert.Equal(Epochs.TrainingLoss, Rendered.Ys(Rendered.Series(display.LossPlot, "training loss")));
        Assert.Null(display.BestEpoch);
    }

    [Fact]
    public void OneNaNValidationEpochLeavesAGapNotAZero()
    {
        var epochs = Epochs.Five();
        epochs[3] = epochs[3] with { ValidationLoss = double.NaN };
        var display = TrainingHistoryDisplay.FromEpochs(epochs);
        var validation = Rendered.Series(display.LossPlot, "validation loss");
        Assert.Equal(new double[] { 1, 2, 3, 5 }, Rendered.Xs(validation));
    }

    [Fact]
    public void OneEpochDrawsPointsAndRenders()
    {
        var display = TrainingHistoryDisplay.FromEpochs(Epochs.Five().Take(1).ToList(), bestEpoch: 0);
        var png = Rendered.Render(display);
        Assert.Equal((640, 480), ImageFiles.PngSize(png));
        var training = Rendered.Series(display.LossPlot, "training loss");
        Assert.Single(Rendered.Points(training));
        Assert.True(training.MarkerSize > 0);
    }

    [Fact]
    public void ALearningRateOfZeroRendersAsAFlatLineAtZero()
    {
        var display = TrainingHistoryDisplay.FromEpochs(Epochs.Five().Select(e => e with { LearningRate = 0 }).ToList());
        Assert.Equal((400, 300), ImageFiles.PngSize(display.GetPngBytes(400, 300)));
        Assert.All(Rendered.Ys(Rendered.Series(display.LossPlot, "learning rate (right axis)")), y => Assert.Equal(0, y));
    }

    [Fact]
    public void NoEpochsIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingHistoryDisplay.FromEpochs(Array.Empty<EpochReport>()));
        Assert.Contains("no epochs", error.Message);
    }

    private sealed class Point
    {
        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();
        public bool Label { get; set; }
    }

    [Fact]
    public void AFittedModelsHistoryIsPlottedAsTheTrainerRecordedIt()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(3);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 200).Select(i =>
        {
            float x = (float)random.NextDouble() * 2 - 1, y = (float)random.NextDouble() * 2 - 1;
            return new Point { Features = new[] { x, y }, Label = x + y > 0 };
        }));
        var model = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            HiddenLayerSizes = new[] { 8 }, NumberOfEpochs = 6, EarlyStopping = false, ValidationFraction = 0.2f, Seed = 1, NumberOfThreads = 1,
        }).Fit(data);

        var history = model.Model.History;
        var display = TrainingHistoryDisplay.FromModel(model.Model);
        Assert.Equal(history.Epochs.Select(e => e.TrainingLoss), Rendered.Ys(Rendered.Series(display.LossPlot, "training loss")));
        Assert.Equal(history.Epochs.Select(e => e.ValidationMetric), Rendered.Ys(Rendered.Series(display.MetricPlot, "validation accuracy")));
        Assert.Equal(history.BestEpoch + 1, display.BestEpoch);
    }
}
