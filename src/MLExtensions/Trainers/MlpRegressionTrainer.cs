using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLExtensions.Data;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Training;
using MLExtensions.Schema;

namespace MLExtensions.Trainers;

/// <summary>
/// A multilayer perceptron for regression: a float label (or a known-size float vector for several
/// targets), a linear output trained with squared error (or absolute error, or Huber). Create it with
/// <c>mlContext.Regression.Trainers.Mlp(...)</c>.
/// </summary>
public sealed class MlpRegressionTrainer : MlpTrainerBase<MlpRegressionTransformer, MlpRegressionTrainer.Options>
{
    /// <summary>The loss a regression network is trained with.</summary>
    public enum LossFunction
    {
        /// <summary>Mean squared error: predicts the conditional mean.</summary>
        SquaredError,

        /// <summary>Mean absolute error: predicts the conditional median, robust to outliers.</summary>
        AbsoluteError,

        /// <summary>Quadratic within <see cref="Options.HuberDelta"/> of the target, linear beyond.</summary>
        Huber,
    }

    /// <summary>The regression trainer's options: those every MLP trainer shares, the loss, and whether to train on
    /// standardized targets.</summary>
    public sealed class Options : MlpTrainerOptionsBase
    {
        /// <summary>Regression's defaults differ from the shared ones in one place: a stronger L2 penalty (1e-2), which the
        /// benchmark's noisy small data sets need and its clean ones do not mind.</summary>
        public Options()
        {
            L2Regularization = 1e-2f;
        }

        /// <summary>The loss. Default <see cref="LossFunction.SquaredError"/>.</summary>
        public LossFunction Loss = LossFunction.SquaredError;

        /// <summary>Where the Huber loss turns from quadratic to linear, in the units the network is trained in (standard
        /// deviations of the label with <see cref="StandardizeLabel"/>). Positive and finite; default 1.</summary>
        public float HuberDelta = 1f;

        /// <summary>Train on targets standardized to mean 0 and deviation 1 (per target) and predict in the label's own units.
        /// Default true: a target with mean 150 then trains as well as one with mean 0, with the same learning rate.</summary>
        public bool StandardizeLabel = true;

        internal override void Check()
        {
            base.Check();
            OptionChecks.Defined(Loss, nameof(Loss));
            OptionChecks.PositiveFinite(HuberDelta, nameof(HuberDelta));
        }
    }

    private readonly LossFunction _loss;
    private readonly float _huberDelta;
    private readonly bool _standardizeLabel;

    internal MlpRegressionTrainer(IHostEnvironment environment, Options options)
        : base(environment, options, nameof(MlpRegressionTrainer))
    {
        (_loss, _huberDelta, _standardizeLabel) = (options.Loss, options.HuberDelta, options.StandardizeLabel);
    }

    private protected override bool IsClassification => false;

    private protected override LabelColumn BindLabel(DataViewSchema schema) => LabelColumn.Numeric(schema, Plan.LabelColumnName);

    private protected override void CheckLabelShape(SchemaShape.Column label)
    {
        if (label.IsKey || label.ItemType != NumberDataViewType.Single || label.Kind == SchemaShape.Column.VectorKind.VariableVector)
            throw new ArgumentOutOfRangeException(nameof(label), $"The regression label column '{label.Name}' must be Single or a known-size vector of Single.");
    }

    private protected override int OutputWidth(LabelColumn label) => label.Width;

    private protected override Loss CreateLoss(LabelColumn label) => _loss switch
    {
        LossFunction.SquaredError => new MeanSquaredErrorLoss(),
        LossFunction.AbsoluteError => new MeanAbsoluteErrorLoss(),
        _ => new HuberLoss(_huberDelta),
    };

    private protected override LabelStandardization? PrepareTargets(TrainingData training, TrainingData? validation)
    {
        if (!_standardizeLabel)
            return null;
        var standardization = LabelStandardization.Of(training);
        standardization.Standardize(training);
        if (validation is not null)
            standardization.Standardize(validation);
        return standardization;
    }

    private protected override IEnumerable<SchemaShape.Column> OutputShape(SchemaShape.Column label) => new[]
    {
        SchemaShapeColumns.Create("Score", label.Kind, NumberDataViewType.Single, false),
    };

    private protected override MlpRegressionTransformer CreateTransformer(MlpModelParameters model, LabelColumn label) =>
        new(model, Plan.FeatureColumnName, vectorScore: label.Column.Type is VectorDataViewType);
}
