using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Keras <c>ExponentialDecay</c>: <c>lr · rate^(t / decaySteps)</c>; with <see cref="RateDecaySchedule.Staircase"/> the
/// exponent is floored, so the rate drops in discrete jumps every <see cref="RateDecaySchedule.DecaySteps"/> steps.
/// </summary>
public sealed class ExponentialDecay : RateDecaySchedule
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="LearningRateSchedule.KnownNames"/>: <c>"exponential_decay"</c>.</summary>
    public const string ConfigName = "exponential_decay";

    /// <summary>An exponential decay.</summary>
    /// <param name="decaySteps">The steps that make one unit of decay, ≥ 1.</param>
    /// <param name="decayRate">The factor per unit of decay, positive and finite (below 1 to decay).</param>
    /// <param name="staircase">Whether the elapsed units are floored, so the rate drops in jumps; default false.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range (named by the exception), NaN or infinite.</exception>
    public ExponentialDecay(long decaySteps, float decayRate, bool staircase = false)
        : base(ConfigName, decaySteps, PositiveFinite(decayRate, nameof(decayRate)), staircase)
    {
    }

    internal static ExponentialDecay Create(ComponentConfig config)
    {
        var (decaySteps, decayRate, staircase) = Read(config, ConfigName);
        return new ExponentialDecay(decaySteps, decayRate, staircase);
    }

    private protected override double Decay(double initialLearningRate, double units) =>
        initialLearningRate * Math.Pow(DecayRate, units);
}
