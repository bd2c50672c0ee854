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
    /// <summary>The multiclass trainer's options: those every MLP trainer shares, and the class weights and label smoothing
    /// of its softmax cross-entropy.</summary>
    public sealed class Options : MlpTrainerOptionsBase
    {
        /// <summary>One weight per class in key order (finite, non-negative, not all 0; as many as the label has classes), or
        /// null (the default) for equal weights.</summary>
        public float[]? ClassWeights;

        /// <summary>Label smoothing ε in [0, 1): the one-hot target becomes (1 − ε)·onehot + ε/K. Default 0.</summary>
        public float LabelSmoothing;

        internal override void Check()
        {
            base.Check();
            OptionChecks.ClassWeights(ClassWeights, nameof(ClassWeights));
            OptionChecks.UnitInterval(LabelSmoothing, nameof(LabelSmoothing));
        }
    }

    private readonly float[]? _classWeights;
    private readonly float _labelSmoothing;

    internal MlpMulticlassTrainer(IHostEnvironment environment, Options options)
        : base(environment, options, nameof(MlpMulticlassTrainer))
    {
        _classWeights = (float[]?)options.ClassWeights?.Clone();
        _labelSmoothing = options.LabelSmoothing;
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
        if (_classWeights is { } weights && weights.Length != classes)
            throw new ArgumentOutOfRangeException(nameof(Options.ClassWeights),
                $"{nameof(Options.ClassWeights)} has {weights.Length} values; the label '{label.Column.Name}' has {classes} classes.");
        return new SoftmaxCrossEntropyLoss(_labelSmoothing, _classWeights);
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
