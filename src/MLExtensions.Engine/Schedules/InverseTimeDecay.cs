using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Keras <c>InverseTimeDecay</c>: <c>lr / (1 + rate · t / decaySteps)</c>; with <see cref="Staircase"/>
/// <c>t / decaySteps</c> is floored.
/// </summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    public const string ConfigName = "inverse_time_decay";

    public InverseTimeDecay(long decaySteps, float decayRate, bool staircase = false)
    {
        DecaySteps = Positive(decaySteps, nameof(decaySteps));
        // Negative rates would let the denominator cross zero.
        DecayRate = NonNegativeFinite(decayRate, nameof(decayRate));
        Staircase = staircase;
    }

    public long DecaySteps { get; }

    public float DecayRate { get; }

    public bool Staircase { get; }

    public override ComponentConfig GetConfig() =>
        new(ConfigName,
        [
            ConfigParameters.Entry("decay_steps", DecaySteps), ConfigParameters.Entry("decay_rate", DecayRate),
            ConfigParameters.Entry("staircase", Staircase),
        ]);

    internal static InverseTimeDecay Create(ComponentConfig config)
    {
        ConfigParameters.Check(config, "learning-rate schedule", ConfigName, "decay_steps", "decay_rate", "staircase");
        return new InverseTimeDecay(
            ConfigParameters.ReadLong(config, "decay_steps"),
            ConfigParameters.ReadFloat(config, "decay_rate"),
            ConfigParameters.ReadBool(config, "staircase", false));
    }

    protected override double Compute(double initialLearningRate, long step)
    {
        double progress = Staircase ? step / DecaySteps : (double)step / DecaySteps;
        return initialLearningRate / (1.0 + DecayRate * progress);
    }
}
