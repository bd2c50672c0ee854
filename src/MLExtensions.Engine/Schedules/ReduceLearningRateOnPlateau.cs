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
    public const string ConfigName = "reduce_lr_on_plateau";

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

    public float Factor { get; }

    /// <summary>Epochs without improvement after which the rate is reduced (0 reduces on the first non-improving epoch).</summary>
    public int Patience { get; }

    public MonitorMode Mode { get; }

    /// <summary>How much better than the best so far a value must be to count as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Epochs after a reduction during which non-improving epochs are not counted.</summary>
    public int Cooldown { get; }

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
