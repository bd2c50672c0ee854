namespace MLExtensions.Engine.Schedules;

/// <summary>
/// The running state of one fit's <see cref="ReduceLearningRateOnPlateau"/>: the best value so far, the epochs waited
/// and the cooldown left. It does not know what it monitors: the caller passes the value (validation loss,
/// accuracy...) each epoch. A NaN value never counts as an improvement, so a diverging run is treated as a plateau.
/// As in Keras the cooldown counter is decremented before the epoch is judged, so a cooldown of <c>c</c> leaves
/// <c>c − 1</c> epochs uncounted after a reduction (a cooldown of 1 has no effect). Not thread-safe.
/// </summary>
public sealed class PlateauTracker
{
    internal PlateauTracker(ReduceLearningRateOnPlateau settings)
    {
        Settings = settings;
        Best = settings.Mode == MonitorMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
    }

    /// <summary>The settings this tracker applies, as given to <see cref="ReduceLearningRateOnPlateau.CreateTracker"/>.</summary>
    public ReduceLearningRateOnPlateau Settings { get; }

    /// <summary>The best value seen so far (±∞ before the first).</summary>
    public double Best { get; private set; }

    /// <summary>Consecutive non-improving epochs counted towards <see cref="ReduceLearningRateOnPlateau.Patience"/>.</summary>
    public int Wait { get; private set; }

    /// <summary>Cooldown epochs still to go.</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>
    /// Records one epoch's <paramref name="monitoredValue"/> and returns the learning rate for the next
    /// epoch: <paramref name="currentLearningRate"/>, or the reduced rate when patience has run out.
    /// </summary>
    /// <param name="monitoredValue">This epoch's value of the monitored quantity; NaN counts as no improvement.</param>
    /// <param name="currentLearningRate">The rate used in this epoch, finite and ≥ 0.</param>
    /// <returns>The rate for the next epoch: max(rate·factor, min rate) after a reduction, otherwise the current rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="currentLearningRate"/> is negative, NaN or infinite.</exception>
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
        if (Wait < Settings.Patience || !(currentLearningRate > Settings.MinLearningRate))
            return currentLearningRate;

        CooldownCounter = Settings.Cooldown;
        Wait = 0;
        // Product in double and one rounding, as Keras computes it in Python floats.
        return (float)Math.Max((double)currentLearningRate * Settings.Factor, Settings.MinLearningRate);
    }

    private bool IsImprovement(double value) =>
        Settings.Mode == MonitorMode.Min ? value < Best - Settings.MinDelta : value > Best + Settings.MinDelta;
}
