using Microsoft.ML;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Onnx.Tests.Support;

/// <summary>Tiny MLPs trained for a few epochs on <see cref="TestData"/>: enough for non-trivial weights and batch statistics.</summary>
internal static class Trained
{
    public static T Options<T>(IReadOnlyList<MlpLayer>? layers = null, string label = "Label") where T : MlpTrainerOptionsBase, new()
    {
        var options = Fast.Options<T>(epochs: 4, seed: 3);
        options.LabelColumnName = label;
        options.HiddenLayerSizes = new[] { 8 };
        options.Layers = layers;
        options.LearningRate = 0.01f;
        return options;
    }

    public static ITransformer Regression(MLContext mlContext, IDataView data, IReadOnlyList<MlpLayer>? layers = null, string label = nameof(FeatureRow.Target)) =>
        mlContext.Regression.Trainers.Mlp(Options<MlpRegressionTrainer.Options>(layers, label)).Fit(data);

    public static ITransformer Binary(MLContext mlContext, IDataView data, IReadOnlyList<MlpLayer>? layers = null) =>
        mlContext.BinaryClassification.Trainers.Mlp(Options<MlpBinaryTrainer.Options>(layers, nameof(FeatureRow.BinaryLabel))).Fit(data);

    /// <summary>
    /// A multiclass model trained on the text label made a key (so its classes have names): the MLP transformer alone,
    /// which scores data without the label.
    /// </summary>
    public static MlpMulticlassTransformer Multiclass(MLContext mlContext, IDataView data, IReadOnlyList<MlpLayer>? layers = null)
    {
        var keyed = mlContext.Transforms.Conversion.MapValueToKey("LabelKey", nameof(FeatureRow.ClassLabel)).Fit(data).Transform(data);
        return mlContext.MulticlassClassification.Trainers.Mlp(Options<MlpMulticlassTrainer.Options>(layers, "LabelKey")).Fit(keyed);
    }
}
