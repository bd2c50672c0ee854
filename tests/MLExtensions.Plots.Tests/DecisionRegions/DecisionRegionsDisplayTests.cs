using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Plots.Tests.Support;

namespace MLExtensions.Plots.Tests.DecisionRegions;

public class DecisionRegionsDisplayTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();
        public string Label { get; set; } = "";
    }

    private sealed class Prediction
    {
        public string PredictedLabel { get; set; } = "";
    }

    /// <summary>West of x = 0 is "west", east is "east"; y is noise.</summary>
    private IDataView EastWest()
    {
        var random = new Random(4);
        return _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 200).Select(i =>
        {
            float x = (float)(random.NextDouble() * 4 - 2), y = (float)(random.NextDouble() * 2 - 1);
            return new Row { Features = new[] { x, y }, Label = x < 0 ? "west" : "east" };
        }));
    }

    private ITransformer Fit(IDataView data) => _ml.Transforms.Conversion.MapValueToKey("Label")
        .Append(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
        .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
        .Fit(data);

    [Fact]
    public void EachGridCellHoldsTheModelsOwnPredictionAtThatPoint()
    {
        var data = EastWest();
        var model = Fit(data);
        var display = DecisionRegionsDisplay.FromModel(model, data, resolution: 20);
        Assert.Equal(20, display.GridXs.Count);
        var engine = _ml.Model.CreatePredictionEngine<Row, Prediction>(model);
        for (int r = 0; r < 20; r += 3)
        {
            for (int c = 0; c < 20; c += 3)
            {
                string expected = engine.Predict(new Row { Features = new[] { (float)display.GridXs[c], (float)display.GridYs[r] } }).PredictedLabel;
                Assert.Equal(expected, display.ClassNames[display.PredictedClasses[r, c]]);
            }
        }
        Assert.Equal("west", display.ClassNames[display.PredictedClasses[10, 0]]);
        Assert.Equal("east", display.ClassNames[display.PredictedClasses[10, 19]]);
    }

    [Fact]
    public void GridSpansTheDataAndEveryPointIsDrawnInItsClass()
    {
        var data = EastWest();
        var display = DecisionRegionsDisplay.FromModel(Fit(data), data, resolution: 30);
        var rows = _ml.Data.CreateEnumerable<Row>(data, reuseRowObject: false).ToArray();
        Assert.True(display.GridXs[0] < rows.Min(r => r.Features[0]) && display.GridXs[^1] > rows.Max(r => r.Features[0]));
        Assert.True(display.GridYs[0] < rows.Min(r => r.Features[1]) && display.GridYs[^1] > rows.Max(r => r.Features[1]));
        Assert.Equal(rows.Length, display.Points.Count);
        Assert.All(display.Points, p => Assert.Equal(p.X < 0 ? "west" : "east", display.ClassNames[p.Class]));
        var markers = display.Plot.GetPlottables<ScottPlot.Plottables.Markers>().ToArray();
        Assert.Equal(2, markers.Length);
        Assert.Equal(rows.Length, markers.Sum(m => m.Data.GetScatterPoints().Count));
        var heatmap = Assert.Single(display.Plot.GetPlottables<ScottPlot.Plottables.Heatmap>());
        Assert.Equal(30, heatmap.Intensities.GetLength(0));
        // The heatmap's top row is the grid's highest y, and each cell is centred on its grid point.
        Assert.Equal(display.PredictedClasses[29, 0], heatmap.Intensities[0, 0]);
        double dx = display.GridXs[1] - display.GridXs[0];
        Assert.Equal(display.GridXs[0] - dx / 2, heatmap.GetAxisLimits().Left, 9);
        Assert.Equal(display.GridXs[^1] + dx / 2, heatmap.GetAxisLimits().Right, 9);
    }

    [Fact]
    public void AModelPredictingOneClassRenders()
    {
        var rows = Enumerable.Range(0, 20).Select(i => new Row { Features = new[] { i * 0.1f, 1f }, Label = "only" }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var model = _ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(_ml.MulticlassClassification.Trainers.NaiveBayes())
            .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(data);
        var display = DecisionRegionsDisplay.FromModel(model, data, resolution: 12);
        Assert.Equal(new[] { "only" }, display.ClassNames);
        Assert.Equal((300, 300), ImageFiles.PngSize(display.GetPngBytes(300, 300)));
    }

    private sealed class ThreeFeatures
    {
        [VectorType(3)]
        public float[] Features { get; set; } = Array.Empty<float>();
        public string Label { get; set; } = "";
    }

    [Fact]
    public void FeaturesOtherThanTwoAreRejectedByName()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new ThreeFeatures { Features = new[] { 1f, 2f, 3f }, Label = "a" } });
        var error = Assert.Throws<ArgumentException>(() => DecisionRegionsDisplay.FromModel(_ml.Transforms.CopyColumns("F", "Features").Fit(data), data));
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("2 Single", error.Message);
    }
}
