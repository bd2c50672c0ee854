using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Clipping;
using MLExtensions.Engine.Initializers;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Regularization;
using MLExtensions.Engine.Schedules;
using MLExtensions.Engine.Training;

namespace MLExtensions.Trainers;

/// <summary>
/// The one translation from a trainer's options to the engine. Made once, when the trainer is created, from options
/// that have passed their checks; it copies what it needs, so later changes to the options object reach no trainer,
/// and it holds no state of a fit: every <see cref="BuildNetwork"/>, <see cref="CreateOptimizer"/> and
/// <see cref="EngineOptions"/> call makes new objects, so concurrent fits share nothing mutable.
/// </summary>
internal sealed class TrainingPlan
{
    /// <summary>Rows from which the default hold-out is worth its cost: below it, a 10% hold-out is too small to judge
    /// early stopping by and costs the model rows it needs.</summary>
    internal const int DefaultHoldOutMinimumRows = 1000;

    /// <summary>The default hold-out fraction, when something reads validation figures and there are enough rows.</summary>
    internal const float DefaultValidationFraction = 0.1f;

    private readonly int[] _hiddenLayerSizes;
    private readonly IReadOnlyList<MlpLayer>? _layers;
    private readonly ActivationKind _activation;
    private readonly InitializerKind _kernelInitializer;
    private readonly float _dropoutRate;
    private readonly bool _batchNormalization;
    private readonly float _l1, _l2;
    private readonly float? _maxNorm;
    private readonly MlpOptimizer _optimizer;
    private readonly float _learningRate, _momentum, _beta1, _beta2, _epsilon, _weightDecay, _rho;
    private readonly bool _nesterov, _amsGrad, _centered;
    private readonly LearningRateSchedule? _schedule;
    private readonly ScheduleUnit _scheduleUnit;
    private readonly ReduceLearningRateOnPlateau? _plateau;
    private readonly GradientClippingOptions? _clipping;
    private readonly MonitoredQuantity? _monitor;
    private readonly int _patience, _startEpoch;
    private readonly double _minDelta;
    private readonly double? _baseline;
    private readonly bool _restoreBestWeights;
    private readonly float? _validationFraction;
    private readonly double _divergenceFactor;
    private readonly bool _collectDiagnostics;

    public TrainingPlan(MlpTrainerOptionsBase o)
    {
        LabelColumnName = o.LabelColumnName;
        if (o is MlpClassificationTrainerOptionsBase classification)
        {
            ClassWeights = (float[]?)classification.ClassWeights?.Clone();
            LabelSmoothing = classification.LabelSmoothing;
        }
        FeatureColumnName = o.FeatureColumnName;
        ExampleWeightColumnName = o.ExampleWeightColumnName;
        _hiddenLayerSizes = (int[])o.HiddenLayerSizes.Clone();
        _layers = o.Layers?.ToArray();
        _activation = o.Activation;
        _kernelInitializer = o.KernelInitializer;
        _dropoutRate = o.DropoutRate;
        _batchNormalization = o.BatchNormalization;
        Epochs = o.NumberOfEpochs;
        BatchSize = o.BatchSize;
        _optimizer = o.Optimizer;
        (_learningRate, _momentum, _beta1, _beta2, _epsilon, _weightDecay, _rho) =
            (o.LearningRate, o.Momentum, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay, o.Rho);
        (_nesterov, _amsGrad, _centered) = (o.Nesterov, o.AmsGrad, o.Centered);
        _schedule = o.LearningRateSchedule;
        _scheduleUnit = o.ScheduleUnit;
        _plateau = o.ReduceLearningRateOnPlateau;
        (_l1, _l2, _maxNorm, _clipping) = (o.L1Regularization, o.L2Regularization, o.MaxNorm, o.GradientClipping);
        UsesLbfgs = o.Optimizer == MlpOptimizer.Lbfgs;
        EarlyStopping = o.EarlyStopping ?? !UsesLbfgs;
        _monitor = o.EarlyStoppingMonitor;
        (_patience, _minDelta, _startEpoch, _baseline, _restoreBestWeights) =
            (o.EarlyStoppingPatience, o.EarlyStoppingMinDelta, o.EarlyStoppingStartEpoch, o.EarlyStoppingBaseline, o.RestoreBestWeights);
        _validationFraction = o.ValidationFraction;
        _divergenceFactor = o.DivergenceFactor;
        SkipRowsWithNonFiniteFeatures = o.SkipRowsWithNonFiniteFeatures;
        NumberOfThreads = o.NumberOfThreads ?? Math.Clamp(Environment.ProcessorCount, 1, WorkerPool.MaximumThreadCount);
        _collectDiagnostics = o.CollectDiagnostics;
        Progress = o.Progress;
        CancellationToken = o.CancellationToken;
    }

    public string LabelColumnName { get; }
    public string FeatureColumnName { get; }
    public string? ExampleWeightColumnName { get; }
    public int Epochs { get; }

    /// <summary>A classifier's class weights (null for equal weights, and for regression).</summary>
    public float[]? ClassWeights { get; }

    /// <summary>A classifier's label smoothing (0 for regression).</summary>
    public float LabelSmoothing { get; }

    public int BatchSize { get; }
    public bool UsesLbfgs { get; }
    public bool EarlyStopping { get; }
    public bool SkipRowsWithNonFiniteFeatures { get; }
    public int NumberOfThreads { get; }
    public IProgress<EpochReport>? Progress { get; }
    public CancellationToken CancellationToken { get; }

    /// <summary>Whether anything reads validation figures when none are given: early stopping or reduce-on-plateau
    /// watching a validation quantity (the default watch, when validation data exists).</summary>
    private bool ReadsValidation => (EarlyStopping || _plateau is not null) && _monitor is null or MonitoredQuantity.ValidationLoss or MonitoredQuantity.ValidationMetric;

    /// <summary>The fraction of <paramref name="rows"/> training rows to hold out when Fit gets no validation set: the
    /// explicit one, or the default when a validation quantity is read and either there are enough rows for it to be
    /// worth its cost or the user named that quantity as the one to watch.</summary>
    public float HoldOutFraction(long rows) => _validationFraction
        ?? (!UsesLbfgs && ReadsValidation && (rows >= DefaultHoldOutMinimumRows || _monitor is not null) ? DefaultValidationFraction : 0f);

    /// <summary>A new, initialized network for <paramref name="inputs"/> features and <paramref name="outputs"/> outputs.</summary>
    public Network BuildNetwork(int inputs, int outputs, RandomSource random)
    {
        var layers = new List<Layer>();
        if (_layers is not null)
        {
            layers.AddRange(_layers.Select(l => l.Create()));
        }
        else
        {
            foreach (int units in _hiddenLayerSizes)
            {
                var activation = Activation.FromKind(_activation);
                var kernel = Initializer.FromKind(_kernelInitializer);
                if (_batchNormalization)
                {
                    // The batch norm's β takes over the bias, and the activation follows the normalization.
                    layers.Add(new DenseLayer(units, new Identity(), useBias: false, kernel));
                    layers.Add(new BatchNormalizationLayer());
                    layers.Add(new ActivationLayer(activation));
                }
                else
                {
                    layers.Add(new DenseLayer(units, activation, kernelInitializer: kernel));
                }
                if (_dropoutRate > 0)
                    layers.Add(_activation == ActivationKind.Selu ? new AlphaDropoutLayer(_dropoutRate) : new DropoutLayer(_dropoutRate));
            }
        }
        layers.Add(new DenseLayer(outputs, kernelInitializer: new GlorotUniform()));

        var penalty = _l1 > 0 || _l2 > 0 ? new WeightPenalty(_l1, _l2) : null;
        foreach (var dense in layers.OfType<DenseLayer>())
        {
            dense.KernelPenalty = penalty;
            dense.MaxNorm = _maxNorm;
        }
        var network = new Network(inputs, layers);
        network.InitializeParameters(random);
        return network;
    }

    /// <summary>A new step optimizer owning the learning-rate schedule, if any (not for L-BFGS).</summary>
    public Optimizer CreateOptimizer() => _optimizer switch
    {
        MlpOptimizer.Adam => new Adam(_learningRate, _beta1, _beta2, _epsilon, _amsGrad) { Schedule = _schedule, ScheduleUnit = _scheduleUnit },
        MlpOptimizer.AdamW => new AdamW(_learningRate, _weightDecay, _beta1, _beta2, _epsilon, _amsGrad) { Schedule = _schedule, ScheduleUnit = _scheduleUnit },
        MlpOptimizer.Nadam => new Nadam(_learningRate, _beta1, _beta2, _epsilon) { Schedule = _schedule, ScheduleUnit = _scheduleUnit },
        MlpOptimizer.Adamax => new Adamax(_learningRate, _beta1, _beta2, _epsilon) { Schedule = _schedule, ScheduleUnit = _scheduleUnit },
        MlpOptimizer.Sgd => new Sgd(_learningRate, _momentum, _nesterov) { Schedule = _schedule, ScheduleUnit = _scheduleUnit },
        MlpOptimizer.RmsProp => new RmsProp(_learningRate, _rho, _momentum, _epsilon, _centered) { Schedule = _schedule, ScheduleUnit = _scheduleUnit },
        MlpOptimizer.Adagrad => new Adagrad(_learningRate, epsilon: _epsilon) { Schedule = _schedule, ScheduleUnit = _scheduleUnit },
        _ => throw new InvalidOperationException($"{_optimizer} is not a step optimizer."),
    };

    /// <summary>The engine's options for one fit of the mini-batch optimizers.</summary>
    /// <param name="rows">Training rows: the batch never exceeds them.</param>
    /// <param name="hasValidation">Whether the fit has validation data (given, or held out by the engine).</param>
    /// <param name="holdOutFraction">The fraction of training rows the engine holds out (0 when validation data is given).</param>
    /// <param name="seed">Seed of the engine's shuffling, dropout and hold-out.</param>
    /// <param name="progress">Receives every epoch's report.</param>
    public TrainingOptions EngineOptions(int rows, bool hasValidation, float holdOutFraction, ulong seed, IProgress<EpochReport> progress)
    {
        var monitor = _monitor ?? (hasValidation ? MonitoredQuantity.ValidationLoss : MonitoredQuantity.TrainingLoss);
        return new TrainingOptions
        {
            Epochs = Epochs,
            BatchSize = Math.Max(1, Math.Min(BatchSize, rows)),
            Optimizer = CreateOptimizer(),
            ReduceOnPlateau = _plateau,
            PlateauMonitor = monitor,
            Clipping = _clipping,
            EarlyStopping = EarlyStopping
                ? new EarlyStoppingOptions
                {
                    Monitor = monitor,
                    Patience = _patience,
                    MinDelta = _minDelta,
                    StartEpoch = _startEpoch,
                    Baseline = _baseline,
                    RestoreBestWeights = _restoreBestWeights,
                }
                : null,
            ValidationFraction = holdOutFraction,
            DivergenceFactor = _divergenceFactor,
            NumberOfThreads = NumberOfThreads,
            Seed = seed,
            CollectDiagnostics = _collectDiagnostics,
            Progress = progress,
            CancellationToken = CancellationToken,
        };
    }

    /// <summary>Whether the watched quantity needs validation data this fit will not have.</summary>
    public string? MissingValidation(bool hasValidation) =>
        !hasValidation && (EarlyStopping || _plateau is not null) && _monitor is MonitoredQuantity.ValidationLoss or MonitoredQuantity.ValidationMetric
            ? $"EarlyStoppingMonitor is {_monitor}, but there is no validation data: pass a validation set to Fit, set ValidationFraction, or watch a training quantity."
            : null;
}
