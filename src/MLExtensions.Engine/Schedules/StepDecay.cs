using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Multiplies the rate by <see cref="Factor"/> every <see cref="DropEvery"/> steps:
/// <c>lr · factor^⌊t / dropEvery⌋</c> (classic "step" or piecewise-exponential scheduling, usually per epoch).
/// </summary>
public sealed class StepDecay : LearningRateSchedule
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="LearningRateSchedule.KnownNames"/>: <c>"step_decay"</c>.</summary>
    public const string ConfigName = "step_decay";

    /// <summary>A step decay.</summary>
    /// <param name="dropEvery">The steps between drops, ≥ 1.</param>
    /// <param name="factor">The factor of each drop, in (0, 1]; default 0.5.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range or NaN.</exception>
    public StepDecay(long dropEvery, float factor = 0.5f)
    {
        DropEvery = Positive(dropEvery, nameof(dropEvery));
        // A factor above 1 would make this a growth schedule, which a caller almost never means.
        if (!(factor > 0f) || factor > 1f)
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Must be in (0, 1].");
        Factor = factor;
    }

    /// <summary>The steps between drops, ≥ 1. Config key <c>drop_every</c>.</summary>
    public long DropEvery { get; }

    /// <summary>The factor of each drop, in (0, 1]; default 0.5. Config key <c>factor</c>.</summary>
    public float Factor { get; }

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() =>
        new(ConfigName, [ConfigParameters.Entry("drop_every", DropEvery), ConfigParameters.Entry("factor", Factor)]);

    internal static StepDecay Create(ComponentConfig config)
    {
        ConfigParameters.Check(config, "learning-rate schedule", ConfigName, "drop_every", "factor");
        return new StepDecay(ConfigParameters.ReadLong(config, "drop_every"), ConfigParameters.ReadFloat(config, "factor", 0.5f));
    }

    /// <inheritdoc/>
    protected override double Compute(double initialLearningRate, long step) =>
        initialLearningRate * Math.Pow(Factor, step / DropEvery);
}
