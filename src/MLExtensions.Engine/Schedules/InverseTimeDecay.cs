using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Keras <c>InverseTimeDecay</c>: <c>lr / (1 + rate · t / decaySteps)</c>; with <see cref="RateDecaySchedule.Staircase"/>
/// <c>t / decaySteps</c> is floored.
/// </summary>
public sealed class InverseTimeDecay : RateDecaySchedule
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="LearningRateSchedule.KnownNames"/>: <c>"inverse_time_decay"</c>.</summary>
    public const string ConfigName = "inverse_time_decay";

    /// <summary>An inverse-time decay.</summary>
    /// <param name="decaySteps">The steps that make one unit of decay, ≥ 1.</param>
    /// <param name="decayRate">How much each unit of decay adds to the denominator; finite and ≥ 0 (a negative rate would let it cross zero).</param>
    /// <param name="staircase">Whether the elapsed units are floored, so the rate drops in jumps; default false.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range (named by the exception), NaN or infinite.</exception>
    public InverseTimeDecay(long decaySteps, float decayRate, bool staircase = false)
        : base(ConfigName, decaySteps, NonNegativeFinite(decayRate, nameof(decayRate)), staircase)
    {
    }

    internal static InverseTimeDecay Create(ComponentConfig config)
    {
        var (decaySteps, decayRate, staircase) = Read(config, ConfigName);
        return new InverseTimeDecay(decaySteps, decayRate, staircase);
    }

    private protected override double Decay(double initialLearningRate, double units) =>
        initialLearningRate / (1.0 + DecayRate * units);
}
