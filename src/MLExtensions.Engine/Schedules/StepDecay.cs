using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Multiplies the rate by <see cref="Factor"/> every <see cref="DropEvery"/> steps:
/// <c>lr · factor^⌊t / dropEvery⌋</c> (classic "step" or piecewise-exponential scheduling, usually per epoch).
/// </summary>
public sealed class StepDecay : LearningRateSchedule
{
    public const string ConfigName = "step_decay";

    public StepDecay(long dropEvery, float factor = 0.5f)
    {
        DropEvery = Positive(dropEvery, nameof(dropEvery));
        // A factor above 1 would make this a growth schedule, which a caller almost never means.
        if (!(factor > 0f) || factor > 1f)
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Must be in (0, 1].");
        Factor = factor;
    }

    public long DropEvery { get; }

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
