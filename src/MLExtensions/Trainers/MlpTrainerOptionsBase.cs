using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Clipping;
using MLExtensions.Engine.Initializers;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Schedules;
using MLExtensions.Engine.Training;

namespace MLExtensions.Trainers;

/// <summary>
/// Options every MLP trainer shares: public fields, as ML.NET's own trainer options. The trainer checks them all when it
/// is created (before any data is read) and keeps its own copy, so changing an options object afterwards does not
/// change a trainer made from it, and one options object may serve any number of trainers and concurrent fits.
/// The defaults are chosen by the benchmark in <c>samples/TabularBenchmark</c> to win without tuning on small and
/// medium tabular data. A value outside its stated range, or a combination stated as refused, makes creating the trainer
/// throw an <see cref="ArgumentOutOfRangeException"/> whose parameter name is the option's name.
/// </summary>
public abstract class MlpTrainerOptionsBase
{
    /// <summary>The defaults shared by these options and the catalog's simple <c>Mlp</c> overloads, so both train alike.</summary>
    internal static class Defaults
    {
        public const int NumberOfEpochs = 500;
        public const float LearningRate = 1e-3f;
    }

    /// <summary>The label column. Default "Label".</summary>
    public string LabelColumnName = "Label";

    /// <summary>The feature column: Single or a known-size vector of Single. Default "Features".</summary>
    public string FeatureColumnName = "Features";

    /// <summary>An optional Single column of non-negative example weights; null (the default) weighs every row 1. An empty
    /// name is refused.</summary>
    public string? ExampleWeightColumnName;

    /// <summary>Sizes of the hidden dense layers, each followed by <see cref="Activation"/>; empty for none (a linear model).
    /// Not null; every size positive. Default one layer of 100 units. Not used with <see cref="Layers"/>.</summary>
    public int[] HiddenLayerSizes = { 100 };

    /// <summary>The hidden layers' activation. Default <see cref="ActivationKind.Relu"/>. Not used with <see cref="Layers"/>,
    /// whose entries name their own.</summary>
    public ActivationKind Activation = ActivationKind.Relu;

    /// <summary>An explicit hidden architecture (dense, activation, dropout, batch normalization, PReLU layers) instead of
    /// <see cref="HiddenLayerSizes"/>; the trainer adds the output layer. No entry may be null, and dropout layers are refused
    /// with L-BFGS. Default null.</summary>
    public IReadOnlyList<MlpLayer>? Layers;

    /// <summary>The hidden kernels' initializer. Default <see cref="InitializerKind.GlorotUniform"/>, Keras's and scikit-learn's
    /// default, which beat He-normal on the benchmark's data sets even with ReLU; He suits deep ReLU stacks, LeCun-normal
    /// SELU. The output layer is always Glorot-uniform. Not used with <see cref="Layers"/>, whose dense layers choose
    /// theirs by their activation.</summary>
    public InitializerKind KernelInitializer = InitializerKind.GlorotUniform;

    /// <summary>Dropout rate after each hidden layer of <see cref="HiddenLayerSizes"/> (alpha dropout after SELU), in [0, 1).
    /// Default 0: none. Must stay 0 with <see cref="Layers"/> and with L-BFGS.</summary>
    public float DropoutRate;

    /// <summary>Batch normalization between each hidden dense layer of <see cref="HiddenLayerSizes"/> and its activation.
    /// Default false. Must stay false with <see cref="Layers"/>.</summary>
    public bool BatchNormalization;

    /// <summary>Passes over the training data at most (iterations for L-BFGS). Positive; default 500 (early stopping usually
    /// ends training well before).</summary>
    public int NumberOfEpochs = Defaults.NumberOfEpochs;

    /// <summary>Rows per mini-batch. Positive; default 200. A batch larger than the training rows is cut to all of them
    /// (scikit-learn's min(200, rows)). Not used by L-BFGS.</summary>
    public int BatchSize = 200;

    /// <summary>The optimizer; its hyperparameters are the fields below. Default <see cref="MlpOptimizer.Adam"/>.</summary>
    public MlpOptimizer Optimizer = MlpOptimizer.Adam;

    /// <summary>The (initial) learning rate. Positive and finite; default 1e-3. Not used by L-BFGS.</summary>
    public float LearningRate = Defaults.LearningRate;

    /// <summary>SGD and RMSProp momentum, in [0, 1). Default 0.</summary>
    public float Momentum;

    /// <summary>Nesterov momentum for SGD; needs <see cref="Momentum"/> &gt; 0. Default false.</summary>
    public bool Nesterov;

    /// <summary>Adam-family decay of the first moment, in [0, 1). Default 0.9.</summary>
    public float Beta1 = 0.9f;

    /// <summary>Adam-family decay of the second moment, in [0, 1). Default 0.999.</summary>
    public float Beta2 = 0.999f;

    /// <summary>The Adam family's, RMSProp's and AdaGrad's ε. Positive and finite; default 1e-7 (Keras's).</summary>
    public float Epsilon = 1e-7f;

    /// <summary>AdamW's decoupled weight decay. Non-negative and finite; default 0.004 (Keras's). Used by AdamW only.</summary>
    public float WeightDecay = 0.004f;

    /// <summary>Adam's AMSGrad variant. Default false.</summary>
    public bool AmsGrad;

    /// <summary>RMSProp's decay of the squared-gradient average, in (0, 1). Default 0.9.</summary>
    public float Rho = 0.9f;

    /// <summary>Centered RMSProp. Default false.</summary>
    public bool Centered;

    /// <summary>A schedule the learning rate follows from <see cref="LearningRate"/>; the optimizer owns it. Default null:
    /// constant. Cannot be combined with <see cref="ReduceLearningRateOnPlateau"/>; refused with L-BFGS.</summary>
    public LearningRateSchedule? LearningRateSchedule;

    /// <summary>What the schedule's step counts. Default <see cref="Engine.Schedules.ScheduleUnit.Epoch"/>.</summary>
    public ScheduleUnit ScheduleUnit = ScheduleUnit.Epoch;

    /// <summary>Performance scheduling: lowers the learning rate when the early-stopping quantity stalls (its settings only;
    /// every fit keeps its own state). Default null. Cannot be combined with <see cref="LearningRateSchedule"/>; refused
    /// with L-BFGS.</summary>
    public ReduceLearningRateOnPlateau? ReduceLearningRateOnPlateau;

    /// <summary>L1 penalty λ·Σ|w| on every dense layer's weights (not biases), added to the mean loss. Non-negative and finite;
    /// default 0.</summary>
    public float L1Regularization;

    /// <summary>L2 penalty λ·Σw² on every dense layer's weights (not biases), added to the mean loss. Non-negative and finite;
    /// default 1e-3 for classification (it keeps the probabilities calibrated when training runs long on small data) and
    /// 1e-2 for regression. A clean problem that needs a complex function (two spirals, say) wants less, or 0: a strong
    /// penalty holds small initial weights near the linear regime.</summary>
    public float L2Regularization = 1e-3f;

    /// <summary>Max-norm bound on each unit's incoming weight vector; positive and finite, or null (the default) for none.
    /// Refused with L-BFGS.</summary>
    public float? MaxNorm;

    /// <summary>Gradient clipping by value, per-layer norm and/or global norm; null (the default) for none. Refused with
    /// L-BFGS.</summary>
    public GradientClippingOptions? GradientClipping;

    /// <summary>Stop when <see cref="EarlyStoppingMonitor"/> stops improving. Null (the default) means on for the
    /// mini-batch optimizers and off for L-BFGS, which has its own convergence test (true with L-BFGS is refused).</summary>
    public bool? EarlyStopping;

    /// <summary>What early stopping (and <see cref="ReduceLearningRateOnPlateau"/>) watch. Null (the default) means the
    /// validation loss when there is validation data and the training loss otherwise.</summary>
    public MonitoredQuantity? EarlyStoppingMonitor;

    /// <summary>Epochs without improvement before stopping. Non-negative; default 10.</summary>
    public int EarlyStoppingPatience = 10;

    /// <summary>An improvement smaller than this does not count. Non-negative and finite; default 1e-4.</summary>
    public double EarlyStoppingMinDelta = 1e-4;

    /// <summary>Epochs (0-based) before this one are neither judged nor kept as best, e.g. during a warm-up. Non-negative and
    /// below <see cref="NumberOfEpochs"/>; default 0.</summary>
    public int EarlyStoppingStartEpoch;

    /// <summary>A value the monitored quantity must beat within the patience, or training stops; finite, or null (the
    /// default) for none.</summary>
    public double? EarlyStoppingBaseline;

    /// <summary>With early stopping, return the weights of the best epoch rather than the last. Default true.</summary>
    public bool RestoreBestWeights = true;

    /// <summary>
    /// Fraction of the training rows held out for validation (stratified by class for classification) when
    /// <c>Fit</c> gets no validation set, in [0, 1). Null (the default) holds rows out only when something reads them:
    /// 10% when early stopping or reduce-on-plateau monitors a validation quantity and there are at least 1,000
    /// rows (or <see cref="EarlyStoppingMonitor"/> names a validation quantity), none otherwise and never with L-BFGS.
    /// An explicit value is honoured by the mini-batch optimizers (and the history then reports validation figures);
    /// L-BFGS holds no rows out and validates only on a validation set passed to <c>Fit</c>, so a value above 0 is refused with it.
    /// </summary>
    public float? ValidationFraction;

    /// <summary>Stop as diverged when an epoch's training loss exceeds this multiple of the baseline measured before training:
    /// the loss of predicting the targets' mean (regression) or the class frequencies, or of the starting network if larger.
    /// Greater than 1; default 3; <see cref="double.PositiveInfinity"/> turns it off.</summary>
    public double DivergenceFactor = 3.0;

    /// <summary>Skip rows whose features are NaN or infinite (and report how many) instead of failing. Default false.</summary>
    public bool SkipRowsWithNonFiniteFeatures;

    /// <summary>Seed of every random choice (initialization, shuffling, dropout, validation split). Null (the default)
    /// follows the <c>MLContext</c>: the trainer draws its seed from the context's random source when it is created, as
    /// ML.NET's own trainers do, so <c>new MLContext(seed: 1)</c> gives reproducible models. The same seed gives the same
    /// model whatever the number of threads.</summary>
    public int? Seed;

    /// <summary>Threads for the matrix products and updates, in [1, 1024]; null (the default) for all cores, at most 1024.</summary>
    public int? NumberOfThreads;

    /// <summary>Collect per-layer diagnostics every epoch (update/weight ratios, activation and gradient statistics).
    /// Default false. Refused with L-BFGS.</summary>
    public bool CollectDiagnostics;

    /// <summary>Receives every epoch's report as it happens (on the training thread). Default null.</summary>
    public IProgress<EpochReport>? Progress;

    /// <summary>Cancels training; the model keeps the best weights so far. Cancelled before the first epoch (or L-BFGS
    /// iteration) ends, <c>Fit</c> throws <see cref="OperationCanceledException"/>, as there is no model yet. Default none.</summary>
    public CancellationToken CancellationToken;

    /// <summary>Every check that needs no data, each naming its option; the trainer runs it when it is created.</summary>
    internal virtual void Check()
    {
        OptionChecks.ColumnName(LabelColumnName, nameof(LabelColumnName));
        OptionChecks.ColumnName(FeatureColumnName, nameof(FeatureColumnName));
        OptionChecks.Require(ExampleWeightColumnName is null || ExampleWeightColumnName.Length > 0, nameof(ExampleWeightColumnName),
            ExampleWeightColumnName, "a column name, or null for no weights");

        bool lbfgs = Optimizer == MlpOptimizer.Lbfgs;
        if (Layers is null)
        {
            OptionChecks.Require(HiddenLayerSizes is not null, nameof(HiddenLayerSizes), null, "an array of layer sizes (empty for no hidden layer)");
            for (int i = 0; i < HiddenLayerSizes!.Length; i++)
                OptionChecks.Require(HiddenLayerSizes[i] > 0, $"{nameof(HiddenLayerSizes)}[{i}]", HiddenLayerSizes[i], "positive");
        }
        else
        {
            for (int i = 0; i < Layers.Count; i++)
                OptionChecks.Require(Layers[i] is not null, $"{nameof(Layers)}[{i}]", null, "a layer");
            if (DropoutRate != 0)
                OptionChecks.Refuse(nameof(DropoutRate), "applies to HiddenLayerSizes only; with Layers, add MlpLayer.Dropout where it belongs.");
            if (BatchNormalization)
                OptionChecks.Refuse(nameof(BatchNormalization), "applies to HiddenLayerSizes only; with Layers, add MlpLayer.BatchNormalization where it belongs.");
            if (lbfgs && Layers.Any(l => l.IsDropout))
                OptionChecks.Refuse(nameof(Layers), "L-BFGS needs a deterministic objective, so dropout layers cannot be used with it.");
        }
        OptionChecks.Defined(Activation, nameof(Activation));
        OptionChecks.Defined(KernelInitializer, nameof(KernelInitializer));
        OptionChecks.UnitInterval(DropoutRate, nameof(DropoutRate));
        if (lbfgs && DropoutRate > 0)
            OptionChecks.Refuse(nameof(DropoutRate), "L-BFGS needs a deterministic objective, so dropout cannot be used with it.");

        OptionChecks.Positive(NumberOfEpochs, nameof(NumberOfEpochs));
        OptionChecks.Positive(BatchSize, nameof(BatchSize));
        OptionChecks.Defined(Optimizer, nameof(Optimizer));
        OptionChecks.PositiveFinite(LearningRate, nameof(LearningRate));
        OptionChecks.UnitInterval(Momentum, nameof(Momentum));
        if (Nesterov && Momentum == 0)
            OptionChecks.Refuse(nameof(Nesterov), "Nesterov momentum needs Momentum > 0.");
        OptionChecks.UnitInterval(Beta1, nameof(Beta1));
        OptionChecks.UnitInterval(Beta2, nameof(Beta2));
        OptionChecks.PositiveFinite(Epsilon, nameof(Epsilon));
        OptionChecks.NonNegativeFinite(WeightDecay, nameof(WeightDecay));
        OptionChecks.Require(Rho > 0 && Rho < 1, nameof(Rho), Rho, "in (0, 1)");
        OptionChecks.Defined(ScheduleUnit, nameof(ScheduleUnit));
        if (LearningRateSchedule is not null && ReduceLearningRateOnPlateau is not null)
            OptionChecks.Refuse(nameof(ReduceLearningRateOnPlateau),
                "cannot be combined with LearningRateSchedule: both would set the learning rate. Choose one.");

        OptionChecks.NonNegativeFinite(L1Regularization, nameof(L1Regularization));
        OptionChecks.NonNegativeFinite(L2Regularization, nameof(L2Regularization));
        if (MaxNorm is { } maxNorm)
            OptionChecks.PositiveFinite(maxNorm, nameof(MaxNorm));

        if (EarlyStoppingMonitor is { } monitor)
            OptionChecks.Defined(monitor, nameof(EarlyStoppingMonitor));
        OptionChecks.NonNegative(EarlyStoppingPatience, nameof(EarlyStoppingPatience));
        OptionChecks.NonNegativeFinite(EarlyStoppingMinDelta, nameof(EarlyStoppingMinDelta));
        OptionChecks.Require(EarlyStoppingStartEpoch >= 0 && EarlyStoppingStartEpoch < NumberOfEpochs, nameof(EarlyStoppingStartEpoch),
            EarlyStoppingStartEpoch, $"in [0, NumberOfEpochs = {NumberOfEpochs})");
        if (EarlyStoppingBaseline is { } baseline)
            OptionChecks.Require(double.IsFinite(baseline), nameof(EarlyStoppingBaseline), baseline, "finite");
        if (ValidationFraction is { } fraction)
            OptionChecks.UnitInterval(fraction, nameof(ValidationFraction));
        OptionChecks.Require(DivergenceFactor > 1, nameof(DivergenceFactor), DivergenceFactor, "greater than 1 (PositiveInfinity turns the guard off)");
        if (NumberOfThreads is { } threads)
            OptionChecks.Require(threads is > 0 and <= WorkerPool.MaximumThreadCount, nameof(NumberOfThreads), threads,
                $"in [1, {WorkerPool.MaximumThreadCount}]");

        if (lbfgs)
        {
            // L-BFGS takes whole-batch steps with a line search: none of these has a meaning there, so none is ignored silently.
            if (EarlyStopping == true)
                OptionChecks.Refuse(nameof(EarlyStopping), "L-BFGS stops on its own convergence test; leave EarlyStopping null or false.");
            if (LearningRateSchedule is not null)
                OptionChecks.Refuse(nameof(LearningRateSchedule), "L-BFGS chooses its step by line search; it has no learning rate to schedule.");
            if (ReduceLearningRateOnPlateau is not null)
                OptionChecks.Refuse(nameof(ReduceLearningRateOnPlateau), "L-BFGS chooses its step by line search; it has no learning rate to reduce.");
            if (MaxNorm is not null)
                OptionChecks.Refuse(nameof(MaxNorm), "L-BFGS cannot honour a max-norm constraint (it would break the line search).");
            if (GradientClipping is not null)
                OptionChecks.Refuse(nameof(GradientClipping), "L-BFGS uses exact whole-batch gradients; clipping them would break the line search.");
            if (CollectDiagnostics)
                OptionChecks.Refuse(nameof(CollectDiagnostics), "per-layer diagnostics are collected by the mini-batch optimizers only.");
            if (ValidationFraction > 0)
                OptionChecks.Refuse(nameof(ValidationFraction),
                    "L-BFGS holds no training rows out; leave ValidationFraction null or 0, or pass a validation set to Fit.");
        }
    }
}
