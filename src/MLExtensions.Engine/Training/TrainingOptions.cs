using MLExtensions.Engine.Clipping;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Schedules;

namespace MLExtensions.Engine.Training;

/// <summary>
/// How <see cref="NetworkTrainer.Fit"/> trains. The defaults train well without tuning: Adam at 1e-3, batches of 32,
/// 100 epochs, one thread. The options are checked when a fit starts, which throws
/// <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.
/// </summary>
public sealed class TrainingOptions
{
    /// <summary>The number of passes over the training rows. Default 100; positive. Early stopping, divergence or
    /// cancellation may end training sooner.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Rows per gradient step. Default 32; positive. A batch larger than the training rows is the whole set
    /// (full-batch gradient descent); 1 is online learning.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Null means Adam with learning rate 1e-3. The optimizer owns its learning-rate schedule, if any
    /// (<see cref="Optimizer.Schedule"/>), and keeps its state, so passing the same instance to a second Fit
    /// continues where the first stopped.</summary>
    public Optimizer? Optimizer { get; init; }

    /// <summary>Performance scheduling, applied once per epoch to <see cref="PlateauMonitor"/>; it cannot be combined with an
    /// optimizer that has a schedule (<see cref="NetworkTrainer.Fit"/> throws <see cref="ArgumentException"/>). These are settings
    /// only: each Fit keeps its own running state. Default null: the learning rate moves only by the optimizer's schedule.</summary>
    public ReduceLearningRateOnPlateau? ReduceOnPlateau { get; init; }

    /// <summary>The epoch figure <see cref="ReduceOnPlateau"/> watches. Default
    /// <see cref="MonitoredQuantity.ValidationLoss"/>; a validation quantity needs a validation set.</summary>
    public MonitoredQuantity PlateauMonitor { get; init; } = MonitoredQuantity.ValidationLoss;

    /// <summary>Gradient clipping applied to every step after the backward pass. Default null: no clipping.</summary>
    public GradientClippingOptions? Clipping { get; init; }

    /// <summary>Early stopping. Default null: every epoch runs (unless training diverges or is cancelled) and the
    /// network keeps the last epoch's weights.</summary>
    public EarlyStoppingOptions? EarlyStopping { get; init; }

    /// <summary>Fraction of the training rows held out for validation when no validation set is given;
    /// stratified by class for the classification losses. Default 0: no hold-out; in [0, 1). Ignored when a
    /// validation set is passed.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Training stops as diverged when an epoch's loss (without weight penalties) exceeds this multiple of the baseline
    /// measured before the first update: the loss of predicting the targets' mean (regression) or the class frequencies
    /// (classification), or of the starting network if that is larger. Default 3; greater than 1;
    /// <see cref="double.PositiveInfinity"/> turns the check off. A NaN or infinite loss always ends training as diverged.</summary>
    public double DivergenceFactor { get; init; } = 3.0;

    /// <summary>Threads the matrix products of training and validation run on, the calling thread included. Default 1;
    /// in [1, <see cref="WorkerPool.MaximumThreadCount"/>]. More than one starts a <see cref="WorkerPool"/> for the fit.</summary>
    public int NumberOfThreads { get; init; } = 1;

    /// <summary>Seeds every random choice of the fit: the hold-out split, the order of the rows in each epoch, dropout
    /// and the other random layers. Default 0. The network's initial weights are not drawn here: they come with the
    /// network passed to <see cref="NetworkTrainer.Fit"/>.</summary>
    public ulong Seed { get; init; }

    /// <summary>Collect per-layer <see cref="LayerDiagnostics"/> every epoch into <see cref="EpochReport.Diagnostics"/>
    /// (costs one extra forward and backward pass over a probe batch per epoch). Default false.</summary>
    public bool CollectDiagnostics { get; init; }

    /// <summary>Rows of the probe batch <see cref="CollectDiagnostics"/> runs: the first rows of the training data (all
    /// of them when there are fewer). Default 256; positive.</summary>
    public int ProbeBatchSize { get; init; } = 256;

    /// <summary>Receives each epoch's <see cref="EpochReport"/> as soon as the epoch ends, called on the training
    /// thread. Default null: no reports.</summary>
    public IProgress<EpochReport>? Progress { get; init; }

    /// <summary>Stops training between batches. Signalled before the first epoch finishes, <see cref="NetworkTrainer.Fit"/>
    /// throws <see cref="OperationCanceledException"/> and leaves the network as it came; later, training ends with
    /// <see cref="StopReason.Cancelled"/> and the best weights so far.</summary>
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
        WorkerPool.CheckThreadCount(NumberOfThreads, nameof(NumberOfThreads));
        if (ProbeBatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(ProbeBatchSize), ProbeBatchSize, "The probe batch size must be positive.");
        EarlyStopping?.Validate();
    }
}
