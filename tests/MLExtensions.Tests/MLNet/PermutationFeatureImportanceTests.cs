using Microsoft.ML;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.MLNet;

/// <summary>
/// ML.NET's typed <c>PermutationFeatureImportance&lt;TModel&gt;</c> overload on our transformers themselves: shuffling the
/// feature that decides the label must hurt, shuffling the noise feature must not.
/// </summary>
public class PermutationFeatureImportanceTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void BinaryImportanceFindsTheDecidingFeature()
    {
        var data = Tasks.Data(_ml, "binary");
        MlpBinaryTransformer model = _ml.BinaryClassification.Trainers.Mlp(Fast.Binary(40)).Fit(data);

        var importance = _ml.BinaryClassification.PermutationFeatureImportance(model, data, permutationCount: 2);

        Assert.Equal(2, importance.Length);
        Assert.True(importance[0].Accuracy.Mean < -0.3, $"shuffling the deciding feature changed accuracy by {importance[0].Accuracy.Mean}");
        Assert.True(Math.Abs(importance[1].Accuracy.Mean) < 0.05, $"shuffling the noise changed accuracy by {importance[1].Accuracy.Mean}");
    }

    [Fact]
    public void MulticlassImportanceFindsTheDecidingFeature()
    {
        var data = Tasks.Data(_ml, "multiclass");
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        MlpMulticlassTransformer model = _ml.MulticlassClassification.Trainers.Mlp(Fast.Multiclass(40)).Fit(keyed);

        var importance = _ml.MulticlassClassification.PermutationFeatureImportance(model, keyed, permutationCount: 2);

        Assert.Equal(2, importance.Length);
        Assert.True(importance[0].MicroAccuracy.Mean < -0.3, $"deciding feature: {importance[0].MicroAccuracy.Mean}");
        Assert.True(Math.Abs(importance[1].MicroAccuracy.Mean) < 0.05, $"noise: {importance[1].MicroAccuracy.Mean}");
    }

    [Fact]
    public void RegressionImportanceFindsTheDecidingFeature()
    {
        var data = Tasks.Data(_ml, "regression");
        MlpRegressionTransformer model = _ml.Regression.Trainers.Mlp(Fast.Regression(40)).Fit(data);

        var importance = _ml.Regression.PermutationFeatureImportance(model, data, permutationCount: 2);

        Assert.Equal(2, importance.Length);
        // Shuffling x in y = 2x + 1 (x uniform on [−2, 2]) adds about 2·Var(2x) = 10.7 to the squared error.
        Assert.True(importance[0].MeanSquaredError.Mean > 5, $"deciding feature: {importance[0].MeanSquaredError.Mean}");
        Assert.True(Math.Abs(importance[1].MeanSquaredError.Mean) < 0.1, $"noise: {importance[1].MeanSquaredError.Mean}");
    }

    [Fact]
    public void LastTransformerModelGivesTheTrainedParameters()
    {
        var data = Tasks.Data(_ml, "multiclass");
        var model = _ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(_ml.MulticlassClassification.Trainers.Mlp(Fast.Multiclass(5)))
            .Fit(data);

        MlpModelParameters parameters = model.LastTransformer.Model;
        Assert.Equal(2, parameters.FeatureCount);
        Assert.Equal(3, parameters.Network.OutputSize);
        Assert.Equal(5, parameters.History.Epochs.Count);
        Assert.Equal("Features", model.LastTransformer.FeatureColumnName);
    }
}
