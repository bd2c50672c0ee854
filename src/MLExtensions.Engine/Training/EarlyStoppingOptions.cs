namespace MLExtensions.Engine.Training;

/// <summary>
/// Early stopping as in Keras's EarlyStopping callback, set on <see cref="TrainingOptions.EarlyStopping"/>: training
/// stops once the monitored quantity has not improved for <see cref="Patience"/> epochs. Which direction is better
/// comes from <see cref="MaximizeMonitor"/>; left null it is "min" for a loss and for RMSE, "max" for accuracy.
/// The settings are checked when <see cref="NetworkTrainer.Fit"/> starts, which throws
/// <see cref="ArgumentOutOfRangeException"/> for a value out of range.
/// </summary>
public sealed class EarlyStoppingOptions
{
    /// <summary>The epoch figure watched. Default <see cref="MonitoredQuantity.ValidationLoss"/>; a validation
    /// quantity needs a validation set, or <see cref="NetworkTrainer.Fit"/> throws <see cref="ArgumentException"/>.</summary>
    public MonitoredQuantity Monitor { get; init; } = MonitoredQuantity.ValidationLoss;

    /// <summary>True when larger is better, false when smaller is. Default null: chosen from <see cref="Monitor"/>
    /// (larger is better only for accuracy).</summary>
    public bool? MaximizeMonitor { get; init; }

    /// <summary>The least change, in the monitored quantity's units, that counts as an improvement. Default 0; finite
    /// and non-negative.</summary>
    public double MinDelta { get; init; }

    /// <summary>Epochs without improvement after which training stops. Default 10; zero or more (0 stops at the first
    /// epoch that does not improve).</summary>
    public int Patience { get; init; } = 10;

    /// <summary>The 0-based epoch from which epochs are judged; earlier epochs (a warm-up) neither count towards the
    /// patience nor can become the best. Default 0; zero or more.</summary>
    public int StartEpoch { get; init; }

    /// <summary>A value the monitored quantity must beat: improvements that do not beat it do not reset the patience,
    /// so training stops after <see cref="Patience"/> epochs unless the best value beats it. Default null: no
    /// baseline.</summary>
    public double? Baseline { get; init; }

    /// <summary>Whether the network is handed back with the weights of the best epoch rather than of the last one.
    /// Default true. A fit that diverges or is cancelled restores the best weights whatever this says.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    internal void Validate()
    {
        if (Patience < 0)
            throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "Early-stopping patience must be zero or more epochs.");
        if (!(MinDelta >= 0) || double.IsInfinity(MinDelta))
            throw new ArgumentOutOfRangeException(nameof(MinDelta), MinDelta, "Early-stopping MinDelta must be finite and non-negative.");
        if (StartEpoch < 0)
            throw new ArgumentOutOfRangeException(nameof(StartEpoch), StartEpoch, "Early-stopping StartEpoch must be zero or more.");
    }
}
