using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MLExtensions.Engine.Activations;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Support;

/// <summary>
/// One fitted model per task, shared by the tests that only read them (transformers are immutable), so the
/// suite trains each once.
/// </summary>
public static class Trained
{
    private static readonly MLContext Context = new(seed: 1);

    public static readonly List<BinaryRow> BinaryTrainRows = Datasets.TwoBlobs(300, seed: 1);
    public static readonly List<BinaryRow> BinaryTestRows = Datasets.TwoBlobs(200, seed: 2);
    public static readonly List<MulticlassRow> MulticlassTrainRows = Datasets.ThreeClusters(300, seed: 3);
    public static readonly List<MulticlassRow> MulticlassTestRows = Datasets.ThreeClusters(150, seed: 4);
    public static readonly List<RegressionRow> RegressionTrainRows = Datasets.NoisyQuadratic(400, seed: 5);
    public static readonly List<RegressionRow> RegressionTestRows = Datasets.NoisyQuadratic(200, seed: 6);

    private static readonly Lazy<MlpBinaryTransformer> LazyBinary = new(() =>
        Context.BinaryClassification.Trainers.Mlp(Fast.Binary()).Fit(Context.Data.LoadFromEnumerable(BinaryTrainRows)));

    private static readonly Lazy<(ValueToKeyMappingTransformer, MlpMulticlassTransformer)> LazyMulticlass = new(() =>
    {
        var data = Context.Data.LoadFromEnumerable(MulticlassTrainRows);
        var toKey = Context.Transforms.Conversion.MapValueToKey("Label").Fit(data);
        var model = Context.MulticlassClassification.Trainers.Mlp(Fast.Multiclass()).Fit(toKey.Transform(data));
        return (toKey, model);
    });

    private static readonly Lazy<MlpRegressionTransformer> LazyRegression = new(() =>
    {
        var options = Fast.Regression();
        options.HiddenLayerSizes = new[] { 32 };
        options.Activation = ActivationKind.Tanh;
        return Context.Regression.Trainers.Mlp(options).Fit(Context.Data.LoadFromEnumerable(RegressionTrainRows));
    });

    public static MlpBinaryTransformer Binary => LazyBinary.Value;

    /// <summary>The MapValueToKey("Label") fitted on the training rows: it turns string labels into the keys the model knows.</summary>
    public static ValueToKeyMappingTransformer LabelToKey => LazyMulticlass.Value.Item1;

    public static MlpMulticlassTransformer Multiclass => LazyMulticlass.Value.Item2;

    public static MlpRegressionTransformer Regression => LazyRegression.Value;

    public static IDataView BinaryTest(MLContext mlContext) => mlContext.Data.LoadFromEnumerable(BinaryTestRows);

    /// <summary>Test rows with the label already keyed as in training.</summary>
    public static IDataView MulticlassTest(MLContext mlContext) => LabelToKey.Transform(mlContext.Data.LoadFromEnumerable(MulticlassTestRows));

    public static IDataView RegressionTest(MLContext mlContext) => mlContext.Data.LoadFromEnumerable(RegressionTestRows);

    /// <summary>The Score column of every row that <paramref name="transformer"/> makes of <paramref name="data"/>, for "same predictions" checks.</summary>
    public static List<float[]> Scores(MLContext mlContext, ITransformer transformer, IDataView data) =>
        FloatColumns.Read(transformer.Transform(data), "Score").ToList();
}
