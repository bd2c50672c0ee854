using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Schedules;

namespace MLExtensions.Engine.Tests.Schedules;

public class LearningRateScheduleConfigTests
{
    public static TheoryData<LearningRateSchedule> Schedules => new()
    {
        new ConstantSchedule(),
        new StepDecay(7, 0.3f),
        new ExponentialDecay(100, 0.96f, staircase: true),
        new InverseTimeDecay(50, 0.7f),
        new PowerDecay(20, 0.9f),
        new PiecewiseConstantDecay([5, 17, 40], [0.3f, 0.1f, 0.03f, 0.001f]),
        new PolynomialDecay(80, 0.002f, 1.5f, cycle: true),
        new CosineDecay(90, 0.05f),
        new CosineDecay(90, 0.05f, 12, 0.7f),
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void FromConfigRebuildsAnEqualSchedule(LearningRateSchedule schedule)
    {
        var config = schedule.GetConfig();
        var rebuilt = LearningRateSchedule.FromConfig(config);

        Assert.IsType(schedule.GetType(), rebuilt);
        Assert.Equal(config, rebuilt.GetConfig());
        foreach (long step in new long[] { 0, 1, 5, 6, 12, 17, 18, 50, 89, 100, 101, 250 })
            Assert.Equal(schedule.LearningRate(0.2f, step), rebuilt.LearningRate(0.2f, step));
    }

    [Fact]
    public void ConfigsUseShortDecimalsAndIntegerSteps()
    {
        var config = new ExponentialDecay(100, 0.96f, staircase: true).GetConfig();
        Assert.Equal("exponential_decay", config.Name);
        Assert.Equal(0.96, config.Get("decay_rate"));
        Assert.Equal(100.0, config.Get("decay_steps"));
        Assert.Equal(1.0, config.Get("staircase"));
    }

    [Fact]
    public void PiecewiseConstantEncodesItsArraysAsNumberedParameters()
    {
        var config = new PiecewiseConstantDecay([5, 17], [0.3f, 0.1f, 0.03f]).GetConfig();
        Assert.Equal(new[] { "boundary0", "boundary1", "value0", "value1", "value2" }, config.Parameters.Keys.ToArray());
        Assert.Equal(17.0, config.Get("boundary1"));
        Assert.Equal(0.03, config.Get("value2"));
    }

    [Fact]
    public void CosineDecayWithoutWarmupTargetOmitsIt()
    {
        Assert.False(new CosineDecay(10).GetConfig().Parameters.ContainsKey("warmup_target"));
        var rebuilt = (CosineDecay)LearningRateSchedule.FromConfig(new CosineDecay(10).GetConfig());
        Assert.Null(rebuilt.WarmupTarget);
    }

    [Fact]
    public void MissingOptionalParametersTakeDefaults()
    {
        var schedule = (PolynomialDecay)LearningRateSchedule.FromConfig(new ComponentConfig("polynomial_decay", [new("decay_steps", 10)]));
        Assert.Equal(0.0001f, schedule.EndLearningRate);
        Assert.Equal(1f, schedule.Power);
        Assert.False(schedule.Cycle);
    }

    [Fact]
    public void BadConfigsFailLoudly()
    {
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.FromConfig(new ComponentConfig("no_such_schedule")));
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.FromConfig(
            new ComponentConfig("step_decay", [new("drop_every", 10), new("factr", 0.5)])));
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.FromConfig(
            new ComponentConfig("step_decay", [new("drop_every", 10.5)])));
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.FromConfig(
            new ComponentConfig("exponential_decay", [new("decay_steps", 10), new("decay_rate", 0.5), new("staircase", 2)])));
        // A piecewise config missing a value, or with a value beyond the boundaries.
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.FromConfig(
            new ComponentConfig("piecewise_constant_decay", [new("boundary0", 10), new("value0", 1)])));
        Assert.Throws<ArgumentException>(() => LearningRateSchedule.FromConfig(
            new ComponentConfig("piecewise_constant_decay", [new("boundary0", 10), new("value0", 1), new("value1", 0.5), new("value2", 0.1)])));
    }
}
