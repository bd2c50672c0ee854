namespace MLExtensions.Engine.Training;

/// <summary>
/// Early stopping as in Keras's EarlyStopping callback. <see cref="Mode"/> null means "min" for a loss and
/// for RMSE, "max" for accuracy.
/// </summary>
public sealed class EarlyStoppingOptions
{
    public MonitoredQuantity Monitor { get; init; } = MonitoredQuantity.ValidationLoss;

    /// <summary>True when larger is better; null chooses from the monitored quantity.</summary>
    public bool? MaximizeMonitor { get; init; }

    /// <summary>An improvement smaller than this does not count.</summary>
    public double MinDelta { get; init; }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>Epochs (0-based index) before this one are never judged, e.g. while a warm-up runs.</summary>
    public int StartEpoch { get; init; }

    /// <summary>When set, training stops if the monitored value has not beaten it within the patience.</summary>
    public double? Baseline { get; init; }

    /// <summary>Return the weights of the best epoch rather than the last.</summary>
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
