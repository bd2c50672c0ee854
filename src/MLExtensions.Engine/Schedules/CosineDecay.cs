using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Keras 3 <c>CosineDecay</c>: from the peak rate, <c>peak · ((1 − α) · ½(1 + cos(π · t/decaySteps)) + α)</c>,
/// holding at <c>α · peak</c> after <see cref="DecaySteps"/>. With a <see cref="WarmupTarget"/> the rate first
/// rises linearly from the initial rate to the target over <see cref="WarmupSteps"/> steps, and the target
/// is the peak the cosine decays from (its <c>t</c> counts from the end of the warm-up).
/// Without a target the initial rate is the peak and decay starts at step 0.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="LearningRateSchedule.KnownNames"/>: <c>"cosine_decay"</c>.</summary>
    public const string ConfigName = "cosine_decay";

    /// <summary>A cosine decay, with a linear warm-up when <paramref name="warmupTarget"/> is given.</summary>
    /// <param name="decaySteps">The length of the cosine, in schedule steps; ≥ 1.</param>
    /// <param name="alpha">The final rate as a fraction of the peak, in [0, 1]; default 0.</param>
    /// <param name="warmupSteps">The length of the warm-up, ≥ 0; default 0. Non-zero needs a <paramref name="warmupTarget"/>.</param>
    /// <param name="warmupTarget">The peak the warm-up climbs to, finite and ≥ 0; <see langword="null"/> (the default) for no warm-up.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range, NaN or infinite.</exception>
    /// <exception cref="ArgumentException"><paramref name="warmupSteps"/> is not 0 but there is no <paramref name="warmupTarget"/>.</exception>
    public CosineDecay(long decaySteps, float alpha = 0f, long warmupSteps = 0, float? warmupTarget = null)
    {
        DecaySteps = Positive(decaySteps, nameof(decaySteps));
        if (!(alpha >= 0f) || alpha > 1f)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Must be in [0, 1].");
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        if (warmupTarget is { } target)
            NonNegativeFinite(target, nameof(warmupTarget));
        else if (warmupSteps != 0)
            // Keras silently ignores warm-up steps without a target; a caller setting them surely meant a warm-up.
            throw new ArgumentException($"{nameof(warmupSteps)} = {warmupSteps} needs a {nameof(warmupTarget)} to warm up to.", nameof(warmupTarget));
        Alpha = alpha;
        WarmupSteps = warmupSteps;
        WarmupTarget = warmupTarget;
    }

    /// <summary>The length of the cosine in schedule steps, ≥ 1; the rate holds at α·peak after it. Config key <c>decay_steps</c>.</summary>
    public long DecaySteps { get; }

    /// <summary>The final rate as a fraction of the peak, in [0, 1]; default 0. Config key <c>alpha</c>.</summary>
    public float Alpha { get; }

    /// <summary>The length of the linear warm-up in schedule steps, ≥ 0; default 0. Config key <c>warmup_steps</c>.</summary>
    public long WarmupSteps { get; }

    /// <summary>The rate reached at the end of the warm-up; null (the default) for no warm-up. Config key <c>warmup_target</c>, absent when null.</summary>
    public float? WarmupTarget { get; }

    /// <inheritdoc/>
    public override ComponentConfig GetConfig()
    {
        var parameters = new List<KeyValuePair<string, double>>(4)
        {
            ConfigParameters.Entry("decay_steps", DecaySteps),
            ConfigParameters.Entry("alpha", Alpha),
            ConfigParameters.Entry("warmup_steps", WarmupSteps),
        };
        // Absence, not a sentinel value, encodes "no warm-up" since every float is a valid target.
        if (WarmupTarget is { } target)
            parameters.Add(ConfigParameters.Entry("warmup_target", target));
        return new ComponentConfig(ConfigName, parameters);
    }

    internal static CosineDecay Create(ComponentConfig config)
    {
        ConfigParameters.Check(config, "learning-rate schedule", ConfigName, "decay_steps", "alpha", "warmup_steps", "warmup_target");
        float? target = config.Parameters.ContainsKey("warmup_target") ? ConfigParameters.ReadFloat(config, "warmup_target") : null;
        return new CosineDecay(
            ConfigParameters.ReadLong(config, "decay_steps"),
            ConfigParameters.ReadFloat(config, "alpha", 0f),
            ConfigParameters.ReadLong(config, "warmup_steps", 0),
            target);
    }

    /// <inheritdoc/>
    protected override double Compute(double initialLearningRate, long step)
    {
        if (WarmupTarget is not { } target)
            return Decay(initialLearningRate, Math.Min(step, DecaySteps));
        if (step < WarmupSteps)
            return initialLearningRate + (target - initialLearningRate) * ((double)step / WarmupSteps);
        return Decay(target, Math.Min(step - WarmupSteps, DecaySteps));
    }

    private double Decay(double peak, long step)
    {
        double cosine = 0.5 * (1.0 + Math.Cos(Math.PI * step / DecaySteps));
        return peak * ((1.0 - Alpha) * cosine + Alpha);
    }
}
