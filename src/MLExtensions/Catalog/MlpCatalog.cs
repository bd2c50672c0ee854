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
    /// <summary>
    /// Creates an <see cref="MlpBinaryTrainer"/> with the most used settings; every other option keeps its default
    /// (<see cref="MlpBinaryTrainer.Options"/>). The settings are checked here, before any data is read.
    /// </summary>
    /// <param name="catalog">The binary classification trainer catalog.</param>
    /// <param name="labelColumnName">The label column: Boolean. Default "Label".</param>
    /// <param name="featureColumnName">The feature column: Single or a known-size vector of Single. Default "Features".</param>
    /// <param name="exampleWeightColumnName">A Single column of non-negative example weights; null (the default) weighs every row 1.</param>
    /// <param name="hiddenLayerSizes">Units of each hidden dense layer, in order, each positive; empty for a linear model.
    /// Null (the default) keeps the options' default of one layer of 100 units.</param>
    /// <param name="learningRate">The initial learning rate of Adam; positive and finite. Default 1e-3.</param>
    /// <param name="numberOfEpochs">The most passes over the data; positive. Default 500, as the options';
    /// early stopping usually ends training sooner.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range.</exception>
    public static MlpBinaryTrainer Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayerSizes = null, float learningRate = MlpTrainerOptionsBase.Defaults.LearningRate, int numberOfEpochs = MlpTrainerOptionsBase.Defaults.NumberOfEpochs)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpBinaryTrainer(CatalogEnvironment.Of(catalog), Simple(new MlpBinaryTrainer.Options(), labelColumnName, featureColumnName, exampleWeightColumnName,
            hiddenLayerSizes, learningRate, numberOfEpochs));
    }

    /// <summary>Creates an <see cref="MlpBinaryTrainer"/> with every option given. The options are checked and copied here: changing them
    /// afterwards does not change the trainer.</summary>
    /// <param name="catalog">The binary classification trainer catalog.</param>
    /// <param name="options">The trainer's options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range, or options that cannot go together are set.</exception>
    public static MlpBinaryTrainer Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, MlpBinaryTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpBinaryTrainer(CatalogEnvironment.Of(catalog), options);
    }

    /// <summary>
    /// Creates an <see cref="MlpMulticlassTrainer"/> with the most used settings; every other option keeps its default
    /// (<see cref="MlpMulticlassTrainer.Options"/>). The settings are checked here, before any data is read.
    /// </summary>
    /// <param name="catalog">The multiclass classification trainer catalog.</param>
    /// <param name="labelColumnName">The label column: a key type (map values to keys with <c>MapValueToKey</c>). Default "Label".</param>
    /// <param name="featureColumnName">The feature column: Single or a known-size vector of Single. Default "Features".</param>
    /// <param name="exampleWeightColumnName">A Single column of non-negative example weights; null (the default) weighs every row 1.</param>
    /// <param name="hiddenLayerSizes">Units of each hidden dense layer, in order, each positive; empty for a linear model.
    /// Null (the default) keeps the options' default of one layer of 100 units.</param>
    /// <param name="learningRate">The initial learning rate of Adam; positive and finite. Default 1e-3.</param>
    /// <param name="numberOfEpochs">The most passes over the data; positive. Default 500, as the options';
    /// early stopping usually ends training sooner.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range.</exception>
    public static MlpMulticlassTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayerSizes = null, float learningRate = MlpTrainerOptionsBase.Defaults.LearningRate, int numberOfEpochs = MlpTrainerOptionsBase.Defaults.NumberOfEpochs)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpMulticlassTrainer(CatalogEnvironment.Of(catalog), Simple(new MlpMulticlassTrainer.Options(), labelColumnName, featureColumnName, exampleWeightColumnName,
            hiddenLayerSizes, learningRate, numberOfEpochs));
    }

    /// <summary>Creates an <see cref="MlpMulticlassTrainer"/> with every option given. The options are checked and copied here: changing them
    /// afterwards does not change the trainer.</summary>
    /// <param name="catalog">The multiclass classification trainer catalog.</param>
    /// <param name="options">The trainer's options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range, or options that cannot go together are set.</exception>
    public static MlpMulticlassTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, MlpMulticlassTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpMulticlassTrainer(CatalogEnvironment.Of(catalog), options);
    }

    /// <summary>
    /// Creates an <see cref="MlpRegressionTrainer"/> with the most used settings; every other option keeps its default
    /// (<see cref="MlpRegressionTrainer.Options"/>). The settings are checked here, before any data is read.
    /// </summary>
    /// <param name="catalog">The regression trainer catalog.</param>
    /// <param name="labelColumnName">The label column: Single, or a known-size vector of Single for several targets. Default "Label".</param>
    /// <param name="featureColumnName">The feature column: Single or a known-size vector of Single. Default "Features".</param>
    /// <param name="exampleWeightColumnName">A Single column of non-negative example weights; null (the default) weighs every row 1.</param>
    /// <param name="hiddenLayerSizes">Units of each hidden dense layer, in order, each positive; empty for a linear model.
    /// Null (the default) keeps the options' default of one layer of 100 units.</param>
    /// <param name="learningRate">The initial learning rate of Adam; positive and finite. Default 1e-3.</param>
    /// <param name="numberOfEpochs">The most passes over the data; positive. Default 500, as the options';
    /// early stopping usually ends training sooner.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its range.</exception>
    public static MlpRegressionTrainer Mlp(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string? exampleWeightColumnName = null,
        int[]? hiddenLayerSizes = null, float learningRate = MlpTrainerOptionsBase.Defaults.LearningRate, int numberOfEpochs = MlpTrainerOptionsBase.Defaults.NumberOfEpochs)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpRegressionTrainer(CatalogEnvironment.Of(catalog), Simple(new MlpRegressionTrainer.Options(), labelColumnName, featureColumnName, exampleWeightColumnName,
            hiddenLayerSizes, learningRate, numberOfEpochs));
    }

    /// <summary>Creates an <see cref="MlpRegressionTrainer"/> with every option given. The options are checked and copied here: changing them
    /// afterwards does not change the trainer.</summary>
    /// <param name="catalog">The regression trainer catalog.</param>
    /// <param name="options">The trainer's options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range, or options that cannot go together are set.</exception>
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
