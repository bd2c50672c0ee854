using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Performance scheduling, as Keras <c>ReduceLROnPlateau</c>: multiplies the learning rate by
/// <see cref="Factor"/> (never below <see cref="MinLearningRate"/>) once the monitored quantity has not
/// improved by more than <see cref="MinDelta"/> for <see cref="Patience"/> consecutive epochs, then ignores
/// the quantity for <see cref="Cooldown"/> epochs so the new rate can take effect.
/// </summary>
/// <remarks>
/// These are the settings only, immutable; <see cref="CreateTracker"/> makes the per-fit state that applies them.
/// </remarks>
public sealed class ReduceLearningRateOnPlateau
{
    /// <summary>The name in <see cref="ComponentConfig"/>s: <c>"reduce_lr_on_plateau"</c>.</summary>
    public const string ConfigName = "reduce_lr_on_plateau";

    /// <summary>Plateau-reduction settings with Keras' defaults.</summary>
    /// <param name="factor">The factor on the rate at each reduction, in (0, 1); default 0.1.</param>
    /// <param name="patience">Non-improving epochs before a reduction, ≥ 0; default 10.</param>
    /// <param name="mode">Whether lower (<see cref="MonitorMode.Min"/>, the default) or higher values are better.</param>
    /// <param name="minDelta">The margin an improvement must exceed, in the monitored quantity's units, finite and ≥ 0; default 1e-4.</param>
    /// <param name="cooldown">Epochs after a reduction during which non-improving epochs are not counted, ≥ 0; default 0.</param>
    /// <param name="minLearningRate">The floor of the rate, finite and ≥ 0; default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range, NaN or infinite, or <paramref name="mode"/> is undefined.</exception>
    public ReduceLearningRateOnPlateau(
        float factor = 0.1f,
        int patience = 10,
        MonitorMode mode = MonitorMode.Min,
        double minDelta = 1e-4,
        int cooldown = 0,
        float minLearningRate = 0f)
    {
        if (!(factor > 0f) || factor >= 1f)
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Must be in (0, 1): the rate is multiplied by it to reduce it.");
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Must be Min or Max.");
        if (!(minDelta >= 0.0) || !double.IsFinite(minDelta))
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "Must be non-negative and finite.");
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        if (!(minLearningRate >= 0f) || !float.IsFinite(minLearningRate))
            throw new ArgumentOutOfRangeException(nameof(minLearningRate), minLearningRate, "Must be non-negative and finite.");
        Factor = factor;
        Patience = patience;
        Mode = mode;
        MinDelta = minDelta;
        Cooldown = cooldown;
        MinLearningRate = minLearningRate;
    }

    /// <summary>The factor on the rate at each reduction, in (0, 1); default 0.1.</summary>
    public float Factor { get; }

    /// <summary>Epochs without improvement after which the rate is reduced (0 reduces on the first non-improving epoch).</summary>
    public int Patience { get; }

    /// <summary>Whether lower (<see cref="MonitorMode.Min"/>, the default) or higher values of the monitored quantity are better.</summary>
    public MonitorMode Mode { get; }

    /// <summary>How much better than the best so far a value must be to count as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Epochs after a reduction during which non-improving epochs are not counted.</summary>
    public int Cooldown { get; }

    /// <summary>The floor a reduction never goes below, ≥ 0; default 0.</summary>
    public float MinLearningRate { get; }

    /// <summary>A fresh tracker for one fit: the running state (best value, wait, cooldown) lives there, never here, so one
    /// instance of these settings may serve any number of fits, concurrent ones included.</summary>
    public PlateauTracker CreateTracker() => new(this);

    /// <summary>Name and hyperparameters (not the running state); <see cref="FromConfig"/> rebuilds an equal instance.</summary>
    public ComponentConfig GetConfig() =>
        new(ConfigName,
        [
            ConfigParameters.Entry("factor", Factor), ConfigParameters.Entry("patience", (long)Patience),
            ConfigParameters.Entry("mode", (long)Mode), ConfigParameters.Entry("min_delta", MinDelta),
            ConfigParameters.Entry("cooldown", (long)Cooldown), ConfigParameters.Entry("min_learning_rate", MinLearningRate),
        ]);

    /// <summary>Builds the instance a <see cref="GetConfig"/> described; parameters it lacks take their defaults.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The name is not <see cref="ConfigName"/>, a key is unknown, <c>mode</c> is not 0 (Min) or 1 (Max), or an integer
    /// parameter is not a whole number.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range.</exception>
    public static ReduceLearningRateOnPlateau FromConfig(ComponentConfig config)
    {
        ConfigParameters.Check(config, "plateau reduction", ConfigName, "factor", "patience", "mode", "min_delta", "cooldown", "min_learning_rate");
        int mode = ConfigParameters.ReadInt(config, "mode", (int)MonitorMode.Min);
        if (!Enum.IsDefined((MonitorMode)mode))
            throw new ArgumentException($"Parameter 'mode' of '{ConfigName}' must be 0 (Min) or 1 (Max), not {mode}.", nameof(config));
        return new ReduceLearningRateOnPlateau(
            ConfigParameters.ReadFloat(config, "factor", 0.1f),
            ConfigParameters.ReadInt(config, "patience", 10),
            (MonitorMode)mode,
            config.Get("min_delta", 1e-4),
            ConfigParameters.ReadInt(config, "cooldown", 0),
            ConfigParameters.ReadFloat(config, "min_learning_rate", 0f));
    }
}
