using Microsoft.ML;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.Trainers;

/// <summary>Each task from POCOs to predictions on held-out rows, through the catalogs users call.</summary>
public class EndToEndTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [Fact]
    public void BinaryClassifierSeparatesTwoBlobs()
    {
        var predictions = _mlContext.Data.CreateEnumerable<BinaryPrediction>(
            Trained.Binary.Transform(Trained.BinaryTest(_mlContext)), reuseRowObject: false).ToList();

        Assert.Equal(Trained.BinaryTestRows.Count, predictions.Count);
        double accuracy = predictions.Count(p => p.PredictedLabel == p.Label) / (double)predictions.Count;
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
        foreach (var p in predictions)
        {
            // Probability is the sigmoid of Score and PredictedLabel its sign, as ML.NET's evaluators assume.
            Assert.Equal(1 / (1 + Math.Exp(-p.Score)), p.Probability, 4);
            Assert.Equal(p.Score > 0, p.PredictedLabel);
        }
    }

    [Fact]
    public void BinaryClassifierLearnsTwoSpiralsWithAWiderNetwork()
    {
        var options = Fast.Binary(epochs: 150);
        options.HiddenLayerSizes = new[] { 32, 32 };
        options.LearningRate = 0.01f;
        var model = _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(Datasets.Spirals(pointsPerArm: 200, seed: 11)));

        var predictions = _mlContext.Data.CreateEnumerable<BinaryPrediction>(
            model.Transform(_mlContext.Data.LoadFromEnumerable(Datasets.Spirals(pointsPerArm: 100, seed: 12))), reuseRowObject: false).ToList();
        double accuracy = predictions.Count(p => p.PredictedLabel == p.Label) / (double)predictions.Count;
        Assert.True(accuracy > 0.8, $"accuracy {accuracy}");
    }

    [Fact]
    public void MulticlassClassifierRoundTripsStringLabelsThroughKeys()
    {
        var pipeline = _mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(_mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass()))
            .Append(_mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(_mlContext.Data.LoadFromEnumerable(Trained.MulticlassTrainRows));

        var predictions = _mlContext.Data.CreateEnumerable<MulticlassPrediction>(
            model.Transform(_mlContext.Data.LoadFromEnumerable(Trained.MulticlassTestRows)), reuseRowObject: false).ToList();

        Assert.Equal(Trained.MulticlassTestRows.Count, predictions.Count);
        Assert.All(predictions, p => Assert.Contains(p.PredictedLabel, Datasets.ClusterNames));
        double accuracy = predictions.Zip(Trained.MulticlassTestRows).Count(x => x.First.PredictedLabel == x.Second.Label) / (double)predictions.Count;
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
        foreach (var p in predictions)
        {
            Assert.Equal(3, p.Score.Length);
            Assert.Equal(1.0, p.Score.Sum(), 4);
        }
    }

    [Fact]
    public void MulticlassScoreSlotsFollowKeyOrder()
    {
        // Slot i belongs to key i + 1: the argmax of Score is the predicted key.
        var predictions = _mlContext.Data.CreateEnumerable<MulticlassKeyPrediction>(
            Trained.Multiclass.Transform(Trained.MulticlassTest(_mlContext)), reuseRowObject: false).ToList();
        foreach (var p in predictions)
        {
            int argmax = Array.IndexOf(p.Score, p.Score.Max());
            Assert.Equal((uint)(argmax + 1), p.PredictedLabel);
        }
    }

    [Fact]
    public void MulticlassTrainsOnAKeyTypedPocoLabel()
    {
        var rows = Datasets.ThreeClusters(240, seed: 21)
            .Select(r => new KeyLabelRow { Features = r.Features, Label = (uint)Array.IndexOf(Datasets.ClusterNames, r.Label) }).ToList();
        var data = _mlContext.Data.LoadFromEnumerable(rows);
        var model = _mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass()).Fit(data);

        // The POCO's 0-based class c is ML.NET's key c + 1, which PredictedLabel holds raw.
        var predictions = _mlContext.Data.CreateEnumerable<MulticlassKeyPrediction>(model.Transform(data), reuseRowObject: false).ToList();
        double accuracy = predictions.Zip(rows).Count(x => x.First.PredictedLabel == x.Second.Label + 1) / (double)rows.Count;
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
        // No KeyValues on the label: nothing to name the classes with.
        Assert.Null(model.Model.ClassNames);
    }

    [Fact]
    public void RegressionFitsANoisyQuadratic()
    {
        var predictions = _mlContext.Data.CreateEnumerable<RegressionPrediction>(
            Trained.Regression.Transform(Trained.RegressionTest(_mlContext)), reuseRowObject: false).ToList();

        double rmse = Math.Sqrt(predictions.Average(p => (p.Score - p.Label) * (double)(p.Score - p.Label)));
        double mean = predictions.Average(p => p.Label);
        double baseline = Math.Sqrt(predictions.Average(p => (p.Label - mean) * (p.Label - mean)));
        Assert.True(rmse < 0.35 * baseline, $"rmse {rmse}, predicting the mean gives {baseline}");
    }

    [Fact]
    public void SimpleCatalogOverloadsTrainWithTheirArguments()
    {
        var binary = _mlContext.BinaryClassification.Trainers.Mlp(hiddenLayerSizes: new[] { 5 }, learningRate: 0.01f, numberOfEpochs: 3)
            .Fit(_mlContext.Data.LoadFromEnumerable(Trained.BinaryTrainRows));
        Assert.Equal(new[] { 5, 1 }, binary.Model.Summary.Rows.Select(r => r.OutputSize));
        Assert.True(binary.Model.History.Epochs.Count <= 3);

        var keyed = Trained.LabelToKey.Transform(_mlContext.Data.LoadFromEnumerable(Trained.MulticlassTrainRows));
        var multiclass = _mlContext.MulticlassClassification.Trainers.Mlp(hiddenLayerSizes: new[] { 4 }, numberOfEpochs: 2).Fit(keyed);
        Assert.Equal(new[] { 4, 3 }, multiclass.Model.Summary.Rows.Select(r => r.OutputSize));

        var regression = _mlContext.Regression.Trainers.Mlp(hiddenLayerSizes: new[] { 6 }, numberOfEpochs: 2)
            .Fit(_mlContext.Data.LoadFromEnumerable(Trained.RegressionTrainRows));
        Assert.Equal(new[] { 6, 1 }, regression.Model.Summary.Rows.Select(r => r.OutputSize));
    }

    [Fact]
    public void CustomColumnNamesAreUsed()
    {
        var data = _mlContext.Data.LoadFromEnumerable(Trained.BinaryTrainRows.Select(r => new RenamedBinaryRow { Inputs = r.Features, Target = r.Label }).ToList());
        var model = _mlContext.BinaryClassification.Trainers.Mlp(labelColumnName: "Target", featureColumnName: "Inputs", numberOfEpochs: 2).Fit(data);
        Assert.Equal("Inputs", model.FeatureColumnName);
        Assert.NotNull(model.Transform(data).Schema.GetColumnOrNull("Score"));
    }

    public sealed class RenamedBinaryRow
    {
        [Microsoft.ML.Data.VectorType(2)] public float[] Inputs = new float[2];
        public bool Target;
    }
}
