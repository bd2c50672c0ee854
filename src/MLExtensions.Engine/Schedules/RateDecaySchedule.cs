using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// The Keras decays that take the same three hyperparameters, <see cref="ExponentialDecay"/> and
/// <see cref="InverseTimeDecay"/>: a decay rate that acts as the steps pass in units of <see cref="DecaySteps"/>,
/// smoothly or, with <see cref="Staircase"/>, in jumps every <see cref="DecaySteps"/> steps. They differ only in how
/// the rate acts on the elapsed units.
/// </summary>
public abstract class RateDecaySchedule : LearningRateSchedule
{
    private const string DecayStepsKey = "decay_steps", DecayRateKey = "decay_rate", StaircaseKey = "staircase";

    private readonly string _configName;

    private protected RateDecaySchedule(string configName, long decaySteps, float decayRate, bool staircase)
    {
        _configName = configName;
        DecaySteps = Positive(decaySteps, nameof(decaySteps));
        DecayRate = decayRate;
        Staircase = staircase;
    }

    /// <summary>The steps that make one unit of decay.</summary>
    public long DecaySteps { get; }

    /// <summary>How strongly each unit of steps decays the rate.</summary>
    public float DecayRate { get; }

    /// <summary>Whether the elapsed units are floored, so the rate drops in discrete jumps.</summary>
    public bool Staircase { get; }

    /// <inheritdoc/>
    public sealed override ComponentConfig GetConfig() =>
        new(_configName,
        [
            ConfigParameters.Entry(DecayStepsKey, DecaySteps), ConfigParameters.Entry(DecayRateKey, DecayRate),
            ConfigParameters.Entry(StaircaseKey, Staircase),
        ]);

    /// <summary>Checks a config of <paramref name="configName"/> and reads its three hyperparameters.</summary>
    private protected static (long DecaySteps, float DecayRate, bool Staircase) Read(ComponentConfig config, string configName)
    {
        ConfigParameters.Check(config, "learning-rate schedule", configName, DecayStepsKey, DecayRateKey, StaircaseKey);
        return (ConfigParameters.ReadLong(config, DecayStepsKey), ConfigParameters.ReadFloat(config, DecayRateKey),
            ConfigParameters.ReadBool(config, StaircaseKey, false));
    }

    /// <inheritdoc/>
    protected sealed override double Compute(double initialLearningRate, long step) =>
        Decay(initialLearningRate, Staircase ? step / DecaySteps : (double)step / DecaySteps);

    /// <summary>The rate after <paramref name="units"/> units of <see cref="DecaySteps"/> (whole ones with <see cref="Staircase"/>).</summary>
    private protected abstract double Decay(double initialLearningRate, double units);
}
