using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Keras <c>ExponentialDecay</c>: <c>lr · rate^(t / decaySteps)</c>; with <see cref="RateDecaySchedule.Staircase"/> the
/// exponent is floored, so the rate drops in discrete jumps every <see cref="RateDecaySchedule.DecaySteps"/> steps.
/// </summary>
public sealed class ExponentialDecay : RateDecaySchedule
{
    public const string ConfigName = "exponential_decay";

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
