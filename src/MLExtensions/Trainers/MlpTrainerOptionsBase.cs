using MLExtensions.Engine.Clipping;
using MLExtensions.Engine.Schedules;
using MLExtensions.Engine.Training;

namespace MLExtensions.Trainers;

/// <summary>
/// Options every MLP trainer shares. Public fields as ML.NET's own trainer options; the defaults train well
/// without tuning: two hidden ReLU layers of 100 units with He initialization, Adam 1e-3, batch 32, up to
/// 100 epochs with early stopping on a 10% validation split (stratified for classification), patience 10,
/// restoring the best weights.
/// </summary>
public abstract class MlpTrainerOptionsBase
{
    public string LabelColumnName = "Label";
    public string FeatureColumnName = "Features";
    public string? ExampleWeightColumnName;

    /// <summary>Sizes of the hidden dense layers, each followed by <see cref="Activation"/>. Ignored when <see cref="Layers"/> is set.</summary>
    public int[] HiddenLayerSizes = { 100, 100 };

    /// <summary>Activation of the hidden layers: "relu", "leaky_relu", "elu", "selu", "gelu", "silu", "tanh", ...</summary>
    public string Activation = "relu";

    /// <summary>An explicit hidden architecture (dense, activation, dropout, batch normalization layers); the output layer is added.</summary>
    public IReadOnlyList<MlpLayer>? Layers;

    /// <summary>Weight initializer name ("glorot_uniform", "he_normal", ...); null picks by activation (He for the ReLU family, LeCun for SELU, Glorot otherwise).</summary>
    public string? KernelInitializer;

    /// <summary>Dropout rate after each hidden layer (with <see cref="HiddenLayerSizes"/>); 0 disables it.</summary>
    public float DropoutRate;

    /// <summary>Batch normalization between each hidden dense layer and its activation (with <see cref="HiddenLayerSizes"/>).</summary>
    public bool BatchNormalization;

    public int NumberOfEpochs = 100;
    public int BatchSize = 32;

    public MlpOptimizer Optimizer = MlpOptimizer.Adam;
    public float LearningRate = 1e-3f;
    /// <summary>SGD and RMSProp momentum.</summary>
    public float Momentum;
    public bool Nesterov;
    public float Beta1 = 0.9f;
    public float Beta2 = 0.999f;
    public float Epsilon = 1e-7f;
    /// <summary>AdamW's decoupled weight decay.</summary>
    public float WeightDecay = 0.004f;
    public bool AmsGrad;
    /// <summary>RMSProp's decay.</summary>
    public float Rho = 0.9f;
    public bool Centered;

    public LearningRateSchedule? LearningRateSchedule;
    public ScheduleUnit ScheduleUnit = ScheduleUnit.Epoch;
    /// <summary>Performance scheduling; cannot be combined with <see cref="LearningRateSchedule"/>.</summary>
    public ReduceLearningRateOnPlateau? ReduceLearningRateOnPlateau;

    /// <summary>L1 penalty on every dense layer's weights (not biases).</summary>
    public float L1Regularization;
    /// <summary>L2 penalty λ·Σw² on every dense layer's weights (not biases).</summary>
    public float L2Regularization;
    /// <summary>Max-norm bound on each unit's incoming weight vector.</summary>
    public float? MaxNorm;
    public GradientClippingOptions? GradientClipping;

    public bool EarlyStopping = true;
    public MonitoredQuantity EarlyStoppingMonitor = MonitoredQuantity.ValidationLoss;
    public int EarlyStoppingPatience = 10;
    public double EarlyStoppingMinDelta = 1e-4;
    public bool RestoreBestWeights = true;

    /// <summary>Fraction of the training rows held out for validation when Fit gets no validation set.</summary>
    public float ValidationFraction = 0.1f;

    /// <summary>Stop as diverged when an epoch's loss exceeds this multiple of the first epoch's.</summary>
    public double DivergenceFactor = 3.0;

    /// <summary>Skip rows whose features are NaN or infinite (and report how many) instead of failing.</summary>
    public bool SkipRowsWithNonFiniteFeatures;

    /// <summary>Seed of every random choice (initialization, shuffling, dropout, validation split). Null (the default)
    /// follows the <c>MLContext</c>: the trainer draws its seed from the context's random source when it is created, as
    /// ML.NET's own trainers do, so <c>new MLContext(seed: 1)</c> gives reproducible models. The same seed gives the same
    /// model whatever the number of threads.</summary>
    public int? Seed;

    /// <summary>Threads for the matrix products; null uses up to all cores.</summary>
    public int? NumberOfThreads;

    /// <summary>Collect per-layer diagnostics every epoch (update/weight ratios, activation and gradient statistics).</summary>
    public bool CollectDiagnostics;

    /// <summary>Receives every epoch's report as it happens.</summary>
    public IProgress<EpochReport>? Progress;

    /// <summary>Cancels training; the model keeps the best weights so far.</summary>
    public CancellationToken CancellationToken;
}
