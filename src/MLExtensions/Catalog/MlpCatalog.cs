using Microsoft.ML;
using MLExtensions.Runtime;
using MLExtensions.Trainers;

namespace MLExtensions;

/// <summary>
/// The MLP trainers on ML.NET's trainer catalogs: <c>mlContext.BinaryClassification.Trainers.Mlp(...)</c>,
/// <c>mlContext.MulticlassClassification.Trainers.Mlp(...)</c> and <c>mlContext.Regression.Trainers.Mlp(...)</c>,
/// each with a simple overload and an <c>Options</c> overload.
/// </summary>
public static class MlpCatalog
{
    public static MlpBinaryTrainer Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayerSizes = null, float learningRate = 1e-3f, int numberOfEpochs = 100)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpBinaryTrainer(CatalogEnvironment.Of(catalog), Simple(new MlpBinaryTrainer.Options(), labelColumnName, featureColumnName, exampleWeightColumnName,
            hiddenLayerSizes, learningRate, numberOfEpochs));
    }

    public static MlpBinaryTrainer Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, MlpBinaryTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpBinaryTrainer(CatalogEnvironment.Of(catalog), options);
    }

    public static MlpMulticlassTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayerSizes = null, float learningRate = 1e-3f, int numberOfEpochs = 100)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpMulticlassTrainer(CatalogEnvironment.Of(catalog), Simple(new MlpMulticlassTrainer.Options(), labelColumnName, featureColumnName, exampleWeightColumnName,
            hiddenLayerSizes, learningRate, numberOfEpochs));
    }

    public static MlpMulticlassTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, MlpMulticlassTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpMulticlassTrainer(CatalogEnvironment.Of(catalog), options);
    }

    public static MlpRegressionTrainer Mlp(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayerSizes = null, float learningRate = 1e-3f, int numberOfEpochs = 100)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpRegressionTrainer(CatalogEnvironment.Of(catalog), Simple(new MlpRegressionTrainer.Options(), labelColumnName, featureColumnName, exampleWeightColumnName,
            hiddenLayerSizes, learningRate, numberOfEpochs));
    }

    public static MlpRegressionTrainer Mlp(this RegressionCatalog.RegressionTrainers catalog, MlpRegressionTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpRegressionTrainer(CatalogEnvironment.Of(catalog), options);
    }

    private static TOptions Simple<TOptions>(TOptions options, string labelColumnName, string featureColumnName, string? exampleWeightColumnName,
        int[]? hiddenLayerSizes, float learningRate, int numberOfEpochs)
        where TOptions : MlpTrainerOptionsBase
    {
        options.LabelColumnName = labelColumnName;
        options.FeatureColumnName = featureColumnName;
        options.ExampleWeightColumnName = exampleWeightColumnName;
        if (hiddenLayerSizes is not null)
            options.HiddenLayerSizes = hiddenLayerSizes;
        options.LearningRate = learningRate;
        options.NumberOfEpochs = numberOfEpochs;
        return options;
    }
}
