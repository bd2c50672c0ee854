using MLExtensions.Trainers;

namespace MLExtensions.Tests.Support;

/// <summary>
/// Options small enough that a fit takes milliseconds, with one thread so results never depend on the machine. The
/// ONNX and Orleans tests compile this same file, linked in their projects, so every test project starts from the same
/// options.
/// </summary>
public static class Fast
{
    /// <param name="seed">The trainer's seed; null leaves it to the <c>MLContext</c>'s.</param>
    public static T Options<T>(int epochs = 30, int? seed = 1) where T : MlpTrainerOptionsBase, new() => new()
    {
        HiddenLayerSizes = new[] { 16 },
        NumberOfEpochs = epochs,
        BatchSize = 16,
        LearningRate = 0.02f,
        EarlyStopping = false,
        ValidationFraction = 0,
        Seed = seed,
        NumberOfThreads = 1,
    };

    public static MlpBinaryTrainer.Options Binary(int epochs = 30, int? seed = 1) => Options<MlpBinaryTrainer.Options>(epochs, seed);

    public static MlpMulticlassTrainer.Options Multiclass(int epochs = 30, int? seed = 1) => Options<MlpMulticlassTrainer.Options>(epochs, seed);

    public static MlpRegressionTrainer.Options Regression(int epochs = 60, int? seed = 1) => Options<MlpRegressionTrainer.Options>(epochs, seed);
}
