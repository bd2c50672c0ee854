using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLExtensions.Data;
using MLExtensions.Engine.Losses;
using MLExtensions.Schema;

namespace MLExtensions.Trainers;

/// <summary>
/// A multilayer perceptron for multiclass classification: a key-typed label (as ML.NET's multiclass trainers
/// require; use <c>MapValueToKey</c>), a softmax output trained with cross-entropy. Create it with
/// <c>mlContext.MulticlassClassification.Trainers.Mlp(...)</c>.
/// </summary>
public sealed class MlpMulticlassTrainer : MlpTrainerBase<MlpMulticlassTransformer, MlpMulticlassTrainer.Options>
{
    /// <summary>The multiclass trainer's options: those every classifier shares; the number of
    /// <see cref="MlpClassificationTrainerOptionsBase.ClassWeights"/> is checked against the label's classes at Fit.</summary>
    public sealed class Options : MlpClassificationTrainerOptionsBase
    {
        private protected override int? KnownClassCount => null;
    }

    internal MlpMulticlassTrainer(IHostEnvironment environment, Options options)
        : base(environment, options, nameof(MlpMulticlassTrainer))
    {
    }

    private protected override bool IsClassification => true;

    private protected override string DescribeClass(LabelColumn label, float target)
    {
        var names = LabelKeyValues.Capture(label.Column);
        int index = (int)target;
        return names is not null && index < names.Values.Count ? $"'{names.Values[index]}'" : $"key {index + 1}";
    }

    private protected override LabelColumn BindLabel(DataViewSchema schema) => LabelColumn.Key(schema, Plan.LabelColumnName);

    private protected override void CheckLabelShape(SchemaShape.Column label)
    {
        if (label.Kind != SchemaShape.Column.VectorKind.Scalar || !label.IsKey)
            throw new ArgumentOutOfRangeException(nameof(label),
                $"The multiclass label column '{label.Name}' must be a key type (use MapValueToKey(\"{label.Name}\")).");
    }

    private protected override int OutputWidth(LabelColumn label) => ((LabelColumn.KeyLabel)label).ClassCount;

    private protected override Loss CreateLoss(LabelColumn label)
    {
        int classes = OutputWidth(label);
        if (Plan.ClassWeights is { } weights && weights.Length != classes)
            throw new ArgumentOutOfRangeException(nameof(MlpClassificationTrainerOptionsBase.ClassWeights),
                $"{nameof(MlpClassificationTrainerOptionsBase.ClassWeights)} has {weights.Length} values; the label '{label.Column.Name}' has {classes} classes.");
        return new SoftmaxCrossEntropyLoss(Plan.LabelSmoothing, Plan.ClassWeights);
    }

    private protected override IReadOnlyList<string>? ClassNames(LabelColumn label) => LabelKeyValues.Capture(label.Column)?.Values;

    private protected override IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label)
    {
        var slotNames = new SchemaShape(new[]
        {
            SchemaShapeColumns.Create(ColumnAnnotations.SlotNames, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false),
        });
        // Only the label's KeyValues travel to PredictedLabel, as the transformer's output carries no other annotation.
        SchemaShape.Column keyValues = default;
        bool hasKeyValues = label.Annotations is not null && SchemaShapeColumns.TryFind(label.Annotations, ColumnAnnotations.KeyValues, out keyValues);
        return new[]
        {
            SchemaShapeColumns.Create("Score", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false,
                hasKeyValues ? slotNames : null),
            SchemaShapeColumns.Create("PredictedLabel", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true,
                hasKeyValues ? new SchemaShape(new[] { keyValues }) : null),
        };
    }

    private protected override MlpMulticlassTransformer CreateTransformer(MlpModelParameters model, LabelColumn label) =>
        new(model, Plan.FeatureColumnName, LabelKeyValues.Capture(label.Column));
}
