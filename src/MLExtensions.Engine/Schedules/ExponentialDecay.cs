using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Keras <c>ExponentialDecay</c>: <c>lr · rate^(t / decaySteps)</c>; with <see cref="Staircase"/> the
/// exponent is floored, so the rate drops in discrete jumps every <see cref="DecaySteps"/> steps.
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    public const string ConfigName = "exponential_decay";

    public ExponentialDecay(long decaySteps, float decayRate, bool staircase = false)
    {
        DecaySteps = Positive(decaySteps, nameof(decaySteps));
        DecayRate = PositiveFinite(decayRate, nameof(decayRate));
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

    internal static ExponentialDecay Create(ComponentConfig config)
    {
        ConfigParameters.Check(config, "learning-rate schedule", ConfigName, "decay_steps", "decay_rate", "staircase");
        return new ExponentialDecay(
            ConfigParameters.ReadLong(config, "decay_steps"),
            ConfigParameters.ReadFloat(config, "decay_rate"),
            ConfigParameters.ReadBool(config, "staircase", false));
    }

    protected override double Compute(double initialLearningRate, long step)
    {
        double progress = Staircase ? step / DecaySteps : (double)step / DecaySteps;
        return initialLearningRate * Math.Pow(DecayRate, progress);
    }
}
