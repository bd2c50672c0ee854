using Microsoft.ML;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Distributed.Tests.Support;

/// <summary>The searches and estimators the test silos register, small enough that a trial trains in milliseconds. The
/// binary search leaves the trainer's seed to the context, the others fix it.</summary>
public static class Definitions
{
    public static SearchDefinition<MlpBinaryTrainer.Options> BinarySearch(TrialGate? gate = null, string? silo = null) => new(
        gate is null ? "binary" : "gated-binary",
        () => Fast.Binary(epochs: 4, seed: null),
        (ml, o) => gate is null ? ml.BinaryClassification.Trainers.Mlp(o) : gate.Wrap(silo!, ml.BinaryClassification.Trainers.Mlp(o)),
        new SearchSpace<MlpBinaryTrainer.Options>()
            .LogUniform("LearningRate", 1e-3, 0.3, (o, v) => o.LearningRate = (float)v)
            .Choice("HiddenLayerSizes", new[] { new[] { 4 }, new[] { 8 } }, (o, v) => o.HiddenLayerSizes = v)
            .IntRange("BatchSize", 8, 32, (o, v) => o.BatchSize = v),
        contextSeed: 5);

    /// <summary>A good rate, one that makes SGD diverge and one the trainer refuses.</summary>
    public static SearchDefinition<MlpRegressionTrainer.Options> RegressionSearch { get; } = new(
        "regression-sgd",
        () =>
        {
            var o = Fast.Regression(epochs: 20);
            o.Optimizer = MlpOptimizer.Sgd;
            return o;
        },
        (ml, o) => ml.Regression.Trainers.Mlp(o),
        new SearchSpace<MlpRegressionTrainer.Options>()
            .Choice("LearningRate", new[] { 0.01f, 8f, -1f }, (o, v) => o.LearningRate = v));

    public static EstimatorDefinition MulticlassPipeline { get; } = new("multiclass-pipeline",
        ml => ml.Transforms.NormalizeMinMax("Features")
            .Append(ml.MulticlassClassification.Trainers.Mlp(Fast.Multiclass(epochs: 6, seed: null))),
        contextSeed: 2);

    public static EstimatorDefinition Regression { get; } = new("regression",
        ml => ml.Regression.Trainers.Mlp(Fast.Regression(epochs: 10)));

    public static EstimatorDefinition Binary { get; } = new("binary",
        ml => ml.BinaryClassification.Trainers.Mlp(Fast.Binary(epochs: 5)));

    public static void Register(ClusterDefinitions definitions, TrialGate? gate = null, string? silo = null) => definitions
        .Add(BinarySearch())
        .Add(BinarySearch(gate ?? new TrialGate(), silo ?? ""))
        .Add(RegressionSearch)
        .Add(MulticlassPipeline)
        .Add(Regression)
        .Add(Binary);
}
