using MLExtensions.Engine.Clipping;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Schedules;

namespace MLExtensions.Engine.Training;

/// <summary>How <see cref="NetworkTrainer"/> trains. Defaults train well without tuning: Adam 1e-3, batch 32.</summary>
public sealed class TrainingOptions
{
    public int Epochs { get; init; } = 100;
    public int BatchSize { get; init; } = 32;

    /// <summary>Null means Adam with learning rate 1e-3. The optimizer owns its learning-rate schedule, if any
    /// (<see cref="Optimizer.Schedule"/>), and keeps its state, so passing the same instance to a second Fit
    /// continues where the first stopped.</summary>
    public Optimizer? Optimizer { get; init; }

    /// <summary>Performance scheduling, applied once per epoch to <see cref="PlateauMonitor"/>; it cannot be combined with an
    /// optimizer that has a schedule. These are settings only: each Fit keeps its own running state.</summary>
    public ReduceLearningRateOnPlateau? ReduceOnPlateau { get; init; }
    public MonitoredQuantity PlateauMonitor { get; init; } = MonitoredQuantity.ValidationLoss;

    public GradientClippingOptions? Clipping { get; init; }
    public EarlyStoppingOptions? EarlyStopping { get; init; }

    /// <summary>Fraction of the training rows held out for validation when no validation set is given;
    /// stratified by class for the classification losses.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Training stops as diverged when an epoch's loss (without weight penalties) exceeds this multiple of the baseline
    /// measured before the first update: the loss of predicting the targets' mean (regression) or the class frequencies
    /// (classification), or of the starting network if that is larger.</summary>
    public double DivergenceFactor { get; init; } = 3.0;

    public int NumberOfThreads { get; init; } = 1;
    public ulong Seed { get; init; }

    /// <summary>Collect per-layer <see cref="LayerDiagnostics"/> every epoch (costs one extra pass over a probe batch).</summary>
    public bool CollectDiagnostics { get; init; }
    public int ProbeBatchSize { get; init; } = 256;

    public IProgress<EpochReport>? Progress { get; init; }
    public CancellationToken CancellationToken { get; init; }

    internal void Validate()
    {
        if (Epochs <= 0)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "The number of epochs must be positive.");
        if (BatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be positive.");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be in [0, 1).");
        if (!(DivergenceFactor > 1) || double.IsNaN(DivergenceFactor))
            throw new ArgumentOutOfRangeException(nameof(DivergenceFactor), DivergenceFactor, "The divergence factor must be greater than 1 (use PositiveInfinity to disable it).");
        if (NumberOfThreads <= 0 || NumberOfThreads > WorkerPool.MaximumThreadCount)
            throw new ArgumentOutOfRangeException(nameof(NumberOfThreads), NumberOfThreads,
                $"The number of threads must be in [1, {WorkerPool.MaximumThreadCount}].");
        if (ProbeBatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(ProbeBatchSize), ProbeBatchSize, "The probe batch size must be positive.");
        EarlyStopping?.Validate();
    }
}
