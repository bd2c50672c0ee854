using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLExtensions.Data;
using MLExtensions.Engine.Losses;
using MLExtensions.Schema;

namespace MLExtensions.Trainers;

/// <summary>
/// A multilayer perceptron for regression: a float label (or a known-size float vector for several
/// targets), a linear output trained with squared error (or absolute error, or Huber). Create it with
/// <c>mlContext.Regression.Trainers.Mlp(...)</c>.
/// </summary>
public sealed class MlpRegressionTrainer : MlpTrainerBase<MlpRegressionTransformer, MlpRegressionTrainer.Options>
{
    public enum LossFunction
    {
        SquaredError,
        AbsoluteError,
        Huber,
    }

    public sealed class Options : MlpTrainerOptionsBase
    {
        public LossFunction Loss = LossFunction.SquaredError;

        /// <summary>Where the Huber loss turns from quadratic to linear.</summary>
        public float HuberDelta = 1f;
    }

    internal MlpRegressionTrainer(IHostEnvironment environment, Options options)
        : base(environment, options, nameof(MlpRegressionTrainer))
    {
    }

    private protected override bool IsClassification => false;

    private protected override LabelColumn BindLabel(DataViewSchema schema) => LabelColumn.Numeric(schema, TrainerOptions.LabelColumnName);

    private protected override void CheckLabelShape(SchemaShape.Column label)
    {
        if (label.IsKey || label.ItemType != NumberDataViewType.Single || label.Kind == SchemaShape.Column.VectorKind.VariableVector)
            throw new ArgumentOutOfRangeException(nameof(label), $"The regression label column '{label.Name}' must be Single or a known-size vector of Single.");
    }

    private protected override int OutputWidth(LabelColumn label) => label.Width;

    private protected override Loss CreateLoss(LabelColumn label) => TrainerOptions.Loss switch
    {
        LossFunction.SquaredError => new MeanSquaredErrorLoss(),
        LossFunction.AbsoluteError => new MeanAbsoluteErrorLoss(),
        LossFunction.Huber => new HuberLoss(TrainerOptions.HuberDelta),
        _ => throw new ArgumentOutOfRangeException(nameof(TrainerOptions.Loss), TrainerOptions.Loss, "Unknown regression loss."),
    };

    private protected override IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label) => new[]
    {
        SchemaShapeColumns.Create("Score", label.Kind, NumberDataViewType.Single, false),
    };

    private protected override MlpRegressionTransformer CreateTransformer(MlpModelParameters model, LabelColumn label) =>
        new(model, TrainerOptions.FeatureColumnName, vectorScore: label.Column.Type is VectorDataViewType);
}
