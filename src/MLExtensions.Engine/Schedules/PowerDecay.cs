using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Power scheduling (Géron, <i>Hands-On Machine Learning</i>): <c>η₀ / (1 + t / s)^c</c>. The rate halves
/// after <c>s</c> steps when <c>c = 1</c>, then falls ever more slowly; <c>c = 1</c> is inverse-time decay
/// with rate 1.
/// </summary>
public sealed class PowerDecay : LearningRateSchedule
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="LearningRateSchedule.KnownNames"/>: <c>"power_decay"</c>.</summary>
    public const string ConfigName = "power_decay";

    /// <summary>A power decay.</summary>
    /// <param name="steps"><c>s</c>, ≥ 1.</param>
    /// <param name="power"><c>c</c>, finite and ≥ 0; default 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range (named by the exception), NaN or infinite.</exception>
    public PowerDecay(long steps, float power = 1f)
    {
        Steps = Positive(steps, nameof(steps));
        Power = NonNegativeFinite(power, nameof(power));
    }

    /// <summary><c>s</c>: the steps over which the base <c>1 + t/s</c> grows by one, ≥ 1. Config key <c>steps</c>.</summary>
    public long Steps { get; }

    /// <summary><c>c</c>, the exponent, ≥ 0; default 1. Config key <c>power</c>.</summary>
    public float Power { get; }

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() =>
        new(ConfigName, [ConfigParameters.Entry("steps", Steps), ConfigParameters.Entry("power", Power)]);

    internal static PowerDecay Create(ComponentConfig config)
    {
        ConfigParameters.Check(config, "learning-rate schedule", ConfigName, "steps", "power");
        return new PowerDecay(ConfigParameters.ReadLong(config, "steps"), ConfigParameters.ReadFloat(config, "power", 1f));
    }

    /// <inheritdoc/>
    protected override double Compute(double initialLearningRate, long step) =>
        initialLearningRate / Math.Pow(1.0 + (double)step / Steps, Power);
}
