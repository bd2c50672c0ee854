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
    /// <summary>The binary trainer's options: those every classifier shares; <see cref="MlpClassificationTrainerOptionsBase.ClassWeights"/>
    /// has 2 values, the negative class's and the positive class's.</summary>
    public sealed class Options : MlpClassificationTrainerOptionsBase
    {
        private protected override int? KnownClassCount => 2;
    }

    internal MlpBinaryTrainer(IHostEnvironment environment, Options options)
        : base(environment, options, nameof(MlpBinaryTrainer))
    {
    }

    private protected override bool IsClassification => true;

    private protected override string DescribeClass(LabelColumn label, float target) => target > 0.5f ? "true" : "false";

    private protected override LabelColumn BindLabel(DataViewSchema schema) => LabelColumn.Boolean(schema, Plan.LabelColumnName);

    private protected override void CheckLabelShape(SchemaShape.Column label)
    {
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || label.ItemType != BooleanDataViewType.Instance)
            throw new ArgumentOutOfRangeException(nameof(label), $"The binary classification label column '{label.Name}' must be Boolean.");
    }

    private protected override int OutputWidth(LabelColumn label) => 1;

    private protected override Loss CreateLoss(LabelColumn label) => new BinaryCrossEntropyLoss(Plan.LabelSmoothing, Plan.ClassWeights);

    private protected override IReadOnlyList<string>? ClassNames(LabelColumn label) => new[] { "false", "true" };

    private protected override IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label) => new[]
    {
        SchemaShapeColumns.Create("Score", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
        SchemaShapeColumns.Create("Probability", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false),
        SchemaShapeColumns.Create("PredictedLabel", SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false),
    };

    private protected override MlpBinaryTransformer CreateTransformer(MlpModelParameters model, LabelColumn label) =>
        new(model, Plan.FeatureColumnName);
}
