using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLExtensions.Data;
using MLExtensions.Engine.Losses;
using MLExtensions.Schema;

namespace MLExtensions.Trainers;

/// <summary>
/// A multilayer perceptron for binary classification: a Boolean label, a sigmoid output trained with binary
/// cross-entropy on logits. Create it with <c>mlContext.BinaryClassification.Trainers.Mlp(...)</c>.
/// </summary>
public sealed class MlpBinaryTrainer : MlpTrainerBase<MlpBinaryTransformer, MlpBinaryTrainer.Options>
{
    public sealed class Options : MlpTrainerOptionsBase
    {
        /// <summary>Weights of the negative and positive class (length 2), or null for equal weights.</summary>
        public float[]? ClassWeights;

        /// <summary>Label smoothing ε: targets become y(1 − ε) + ε/2.</summary>
        public float LabelSmoothing;
    }

    internal MlpBinaryTrainer(IHostEnvironment environment, Options options)
        : base(environment, options, nameof(MlpBinaryTrainer))
    {
        if (options.ClassWeights is { Length: not 2 })
            throw new ArgumentOutOfRangeException(nameof(options), $"{nameof(TrainerOptions.ClassWeights)} needs 2 values (negative, positive); it has {options.ClassWeights.Length}.");
    }

    private protected override bool IsClassification => true;

    private protected override string DescribeClass(LabelColumn label, float target) => target > 0.5f ? "true" : "false";

    private protected override LabelColumn BindLabel(DataViewSchema schema) => LabelColumn.Boolean(schema, TrainerOptions.LabelColumnName);

    private protected override void CheckLabelShape(SchemaShape.Column label)
    {
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || label.ItemType != BooleanDataViewType.Instance)
            throw new ArgumentOutOfRangeException(nameof(label), $"The binary classification label column '{label.Name}' must be Boolean.");
    }

    private protected override int OutputWidth(LabelColumn label) => 1;

    private protected override Loss CreateLoss(LabelColumn label) => new BinaryCrossEntropyLoss(TrainerOptions.LabelSmoothing, TrainerOptions.ClassWeights);

    private protected override IReadOnlyList<string>? ClassNames(LabelColumn label) => new[] { "false", "true" };

    private protected override IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label) => new[]
    {
        SchemaShapeColumns.Create("Score", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
        SchemaShapeColumns.Create("Probability", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
        SchemaShapeColumns.Create("PredictedLabel", SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false),
    };

    private protected override MlpBinaryTransformer CreateTransformer(MlpModelParameters model, LabelColumn label) =>
        new(model, TrainerOptions.FeatureColumnName);
}
