using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>The initial learning rate at every step: the default when no schedule is wanted.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="LearningRateSchedule.KnownNames"/>: <c>"constant"</c>.</summary>
    public const string ConfigName = "constant";

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => new(ConfigName);

    internal static ConstantSchedule Create(ComponentConfig config)
    {
        ConfigParameters.Check(config, "learning-rate schedule", ConfigName);
        return new ConstantSchedule();
    }

    /// <inheritdoc/>
    protected override double Compute(double initialLearningRate, long step) => initialLearningRate;
}
