using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Keras <c>InverseTimeDecay</c>: <c>lr / (1 + rate · t / decaySteps)</c>; with <see cref="RateDecaySchedule.Staircase"/>
/// <c>t / decaySteps</c> is floored.
/// </summary>
public sealed class InverseTimeDecay : RateDecaySchedule
{
    public const string ConfigName = "inverse_time_decay";

    // Negative rates would let the denominator cross zero.
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
