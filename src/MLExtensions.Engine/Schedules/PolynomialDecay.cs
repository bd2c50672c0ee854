using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Keras <c>PolynomialDecay</c>: <c>(lr − end) · (1 − t/decaySteps)^power + end</c>, holding at
/// <see cref="EndLearningRate"/> once <c>t ≥ decaySteps</c>. With <see cref="Cycle"/> the horizon is
/// stretched to the next multiple of <see cref="DecaySteps"/> instead (<c>decaySteps · ⌈t/decaySteps⌉</c>,
/// and 1 multiple at t = 0), so the rate jumps back up and decays again, each time more gently.
/// </summary>
public sealed class PolynomialDecay : LearningRateSchedule
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="LearningRateSchedule.KnownNames"/>: <c>"polynomial_decay"</c>.</summary>
    public const string ConfigName = "polynomial_decay";

    /// <summary>A polynomial decay with Keras' defaults.</summary>
    /// <param name="decaySteps">The steps over which the rate falls to <paramref name="endLearningRate"/>, ≥ 1.</param>
    /// <param name="endLearningRate">The final rate, finite and ≥ 0; default 0.0001.</param>
    /// <param name="power">The exponent, finite and ≥ 0; default 1 (linear).</param>
    /// <param name="cycle">Whether to restart the decay every <paramref name="decaySteps"/>; default false.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range (named by the exception), NaN or infinite.</exception>
    public PolynomialDecay(long decaySteps, float endLearningRate = 0.0001f, float power = 1f, bool cycle = false)
    {
        DecaySteps = Positive(decaySteps, nameof(decaySteps));
        EndLearningRate = NonNegativeFinite(endLearningRate, nameof(endLearningRate));
        Power = NonNegativeFinite(power, nameof(power));
        Cycle = cycle;
    }

    /// <summary>The steps over which the rate falls to <see cref="EndLearningRate"/>, ≥ 1. Config key <c>decay_steps</c>.</summary>
    public long DecaySteps { get; }

    /// <summary>The final rate (absolute, not a fraction), ≥ 0; default 0.0001. Config key <c>end_learning_rate</c>.</summary>
    public float EndLearningRate { get; }

    /// <summary>The exponent of the decay, ≥ 0; default 1 (linear). Config key <c>power</c>.</summary>
    public float Power { get; }

    /// <summary>Whether the horizon stretches to the next multiple of <see cref="DecaySteps"/> instead of holding; default false. Config key <c>cycle</c>.</summary>
    public bool Cycle { get; }

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() =>
        new(ConfigName,
        [
            ConfigParameters.Entry("decay_steps", DecaySteps), ConfigParameters.Entry("end_learning_rate", EndLearningRate),
            ConfigParameters.Entry("power", Power), ConfigParameters.Entry("cycle", Cycle),
        ]);

    internal static PolynomialDecay Create(ComponentConfig config)
    {
        ConfigParameters.Check(config, "learning-rate schedule", ConfigName, "decay_steps", "end_learning_rate", "power", "cycle");
        return new PolynomialDecay(
            ConfigParameters.ReadLong(config, "decay_steps"),
            ConfigParameters.ReadFloat(config, "end_learning_rate", 0.0001f),
            ConfigParameters.ReadFloat(config, "power", 1f),
            ConfigParameters.ReadBool(config, "cycle", false));
    }

    /// <inheritdoc/>
    protected override double Compute(double initialLearningRate, long step)
    {
        double horizon = DecaySteps, t = step;
        if (Cycle)
            horizon *= step == 0 ? 1.0 : Math.Ceiling(t / DecaySteps);
        else
            t = Math.Min(t, horizon);
        return (initialLearningRate - EndLearningRate) * Math.Pow(1.0 - t / horizon, Power) + EndLearningRate;
    }
}
