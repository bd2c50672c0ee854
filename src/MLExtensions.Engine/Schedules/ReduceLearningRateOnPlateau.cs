using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Performance scheduling, as Keras <c>ReduceLROnPlateau</c>: multiplies the learning rate by
/// <see cref="Factor"/> (never below <see cref="MinLearningRate"/>) once the monitored quantity has not
/// improved by more than <see cref="MinDelta"/> for <see cref="Patience"/> consecutive epochs, then ignores
/// the quantity for <see cref="Cooldown"/> epochs so the new rate can take effect.
/// </summary>
/// <remarks>
/// It does not know what it monitors: the caller passes the value (validation loss, accuracy...) each
/// epoch. A NaN value never counts as an improvement, so a diverging run is treated as a plateau.
/// As in Keras the cooldown counter is decremented before the epoch is judged, so a cooldown of <c>c</c>
/// leaves <c>c − 1</c> epochs uncounted after a reduction (a cooldown of 1 has no effect). Not thread-safe.
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
        Reset();
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

    /// <summary>The best value seen since construction or <see cref="Reset"/> (±∞ before the first).</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive non-improving epochs counted towards <see cref="Patience"/>.</summary>
    public int Wait { get; private set; }

    /// <summary>Cooldown epochs still to go.</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>Forgets the best value and both counters, as at the start of a new fit.</summary>
    public void Reset()
    {
        Best = Mode == MonitorMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        Wait = 0;
        CooldownCounter = 0;
    }

    /// <summary>
    /// Records one epoch's <paramref name="monitoredValue"/> and returns the learning rate for the next
    /// epoch: <paramref name="currentLearningRate"/>, or the reduced rate when patience has run out.
    /// </summary>
    public float Update(double monitoredValue, float currentLearningRate)
    {
        if (!(currentLearningRate >= 0f) || !float.IsFinite(currentLearningRate))
            throw new ArgumentOutOfRangeException(nameof(currentLearningRate), currentLearningRate, "The learning rate must be non-negative and finite.");

        // Keras order: a cooldown epoch is consumed first and clears the wait, yet an improvement within
        // it still becomes the new best.
        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            Wait = 0;
        }

        if (IsImprovement(monitoredValue))
        {
            Best = monitoredValue;
            Wait = 0;
            return currentLearningRate;
        }

        if (CooldownCounter > 0)
            return currentLearningRate;

        Wait++;
        // At or below the floor there is nothing to reduce; as in Keras the wait then keeps growing,
        // which is harmless since every later epoch lands here too.
        if (Wait < Patience || !(currentLearningRate > MinLearningRate))
            return currentLearningRate;

        CooldownCounter = Cooldown;
        Wait = 0;
        // Product in double and one rounding, as Keras computes it in Python floats.
        return (float)Math.Max((double)currentLearningRate * Factor, MinLearningRate);
    }

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
        ConfigParameters.Check(config, ConfigName, "factor", "patience", "mode", "min_delta", "cooldown", "min_learning_rate");
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

    private bool IsImprovement(double value) =>
        Mode == MonitorMode.Min ? value < Best - MinDelta : value > Best + MinDelta;
}
