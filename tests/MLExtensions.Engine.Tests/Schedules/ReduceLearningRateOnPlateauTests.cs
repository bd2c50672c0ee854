using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Schedules;

namespace MLExtensions.Engine.Tests.Schedules;

/// <summary>Scripted epochs whose expected rates were traced by hand through the Keras algorithm.</summary>
public class ReduceLearningRateOnPlateauTests
{
    private static float[] Run(PlateauTracker plateau, float learningRate, params double[] values)
    {
        var rates = new float[values.Length];
        for (int epoch = 0; epoch < values.Length; epoch++)
            rates[epoch] = learningRate = plateau.Update(values[epoch], learningRate);
        return rates;
    }

    [Fact]
    public void PatienceCooldownAndFloorInMinMode()
    {
        var plateau = new ReduceLearningRateOnPlateau(factor: 0.5f, patience: 2, mode: MonitorMode.Min,
            minDelta: 0.01, cooldown: 2, minLearningRate: 0.02f).CreateTracker();
        double[] values =
        [
            1.00,  // 1: first value is always an improvement (best = +∞)
            0.995, // 2: not below 1.00 − 0.01: wait 1
            0.98,  // 3: improvement: best 0.98
            0.99,  // 4: wait 1
            0.975, // 5: not below 0.97: wait 2 → 0.1 · 0.5, cooldown 2
            0.99,  // 6: cooldown 2 → 1, still cooling: not counted
            0.99,  // 7: cooldown 1 → 0, counted: wait 1
            0.99,  // 8: wait 2 → 0.05 · 0.5, cooldown 2
            0.96,  // 9: cooldown → 1; below 0.97: improvement (even in cooldown): best 0.96
            0.96,  // 10: cooldown → 0: wait 1
            0.96,  // 11: wait 2 → max(0.025 · 0.5, 0.02) = 0.02
            0.96,  // 12: cooling
            0.96,  // 13: wait 1
            0.96,  // 14: wait 2, but the rate is at the floor: unchanged
            0.96,  // 15: unchanged
        ];
        float[] expected =
        [
            0.1f, 0.1f, 0.1f, 0.1f, 0.05f,
            0.05f, 0.05f, 0.025f, 0.025f, 0.025f,
            0.02f, 0.02f, 0.02f, 0.02f, 0.02f,
        ];

        Assert.Equal(expected, Run(plateau, 0.1f, values));
        Assert.Equal(0.96, plateau.Best);
    }

    [Fact]
    public void CooldownOfOneHasNoEffectAsInKeras()
    {
        var withCooldown = new ReduceLearningRateOnPlateau(factor: 0.5f, patience: 1, cooldown: 1).CreateTracker();
        var without = new ReduceLearningRateOnPlateau(factor: 0.5f, patience: 1, cooldown: 0).CreateTracker();
        double[] values = [1, 1, 1, 1];
        Assert.Equal(new[] { 1f, 0.5f, 0.25f, 0.125f }, Run(withCooldown, 1f, values));
        Assert.Equal(new[] { 1f, 0.5f, 0.25f, 0.125f }, Run(without, 1f, values));
    }

    [Fact]
    public void MaxModeReducesWhenTheQuantityStopsRising()
    {
        var plateau = new ReduceLearningRateOnPlateau(factor: 0.1f, patience: 1, mode: MonitorMode.Max, minDelta: 0).CreateTracker();
        float afterFirst = (float)(1.0 * 0.1f);
        float afterSecond = (float)((double)afterFirst * 0.1f);
        double[] values =
        [
            0.5,  // improvement over −∞
            0.5,  // equal is not greater: wait 1 = patience → 1 · 0.1
            0.6,  // improvement
            0.55, // wait 1 → · 0.1
            0.7,  // improvement
        ];
        Assert.Equal(new[] { 1f, afterFirst, afterFirst, afterSecond, afterSecond }, Run(plateau, 1f, values));
    }

    [Fact]
    public void MinDeltaDecidesWhatCountsAsAnImprovement()
    {
        var plateau = new ReduceLearningRateOnPlateau(factor: 0.5f, patience: 1, minDelta: 0.1).CreateTracker();
        double[] values =
        [
            1.0,  // best 1.0
            0.95, // better, but not by more than 0.1: reduce
            0.85, // below 0.9: improvement, best 0.85
            0.76, // not below 0.75: reduce
        ];
        Assert.Equal(new[] { 1f, 0.5f, 0.5f, 0.25f }, Run(plateau, 1f, values));
    }

    [Fact]
    public void NaNIsNeverAnImprovement()
    {
        var plateau = new ReduceLearningRateOnPlateau(factor: 0.5f, patience: 2).CreateTracker();
        Assert.Equal(new[] { 1f, 1f, 0.5f }, Run(plateau, 1f, 1.0, double.NaN, double.NaN));
        Assert.Equal(1.0, plateau.Best);
    }

    [Fact]
    public void EachTrackerStartsAfreshSoOneSettingsObjectServesManyFits()
    {
        var settings = new ReduceLearningRateOnPlateau(factor: 0.5f, patience: 2, cooldown: 3);
        var first = settings.CreateTracker();
        Run(first, 1f, 0.2, 0.3, 0.3, 0.3);
        Assert.Equal(2, first.CooldownCounter);

        var second = settings.CreateTracker();
        Assert.Equal(double.PositiveInfinity, second.Best);
        Assert.Equal(0, second.Wait);
        Assert.Equal(0, second.CooldownCounter);
        // 0.9 would not have improved on the first fit's 0.2, but this fit has its own best.
        Assert.Equal(new[] { 1f, 1f }, Run(second, 1f, 0.9, 0.95));
        Assert.Equal(0.9, second.Best);
        Assert.Equal(1, second.Wait);
        Assert.Equal(0.2, first.Best);
    }

    [Fact]
    public void DefaultsFollowKeras()
    {
        var plateau = new ReduceLearningRateOnPlateau();
        Assert.Equal(0.1f, plateau.Factor);
        Assert.Equal(10, plateau.Patience);
        Assert.Equal(MonitorMode.Min, plateau.Mode);
        Assert.Equal(1e-4, plateau.MinDelta);
        Assert.Equal(0, plateau.Cooldown);
        Assert.Equal(0f, plateau.MinLearningRate);
    }

    [Fact]
    public void InvalidArgumentsAreRejectedNamingTheParameter()
    {
        Assert.Equal("factor", Assert.ThrowsAny<ArgumentException>(() => new ReduceLearningRateOnPlateau(factor: 1f)).ParamName);
        Assert.Equal("factor", Assert.ThrowsAny<ArgumentException>(() => new ReduceLearningRateOnPlateau(factor: 0f)).ParamName);
        Assert.Equal("patience", Assert.ThrowsAny<ArgumentException>(() => new ReduceLearningRateOnPlateau(patience: -1)).ParamName);
        Assert.Equal("mode", Assert.ThrowsAny<ArgumentException>(() => new ReduceLearningRateOnPlateau(mode: (MonitorMode)5)).ParamName);
        Assert.Equal("minDelta", Assert.ThrowsAny<ArgumentException>(() => new ReduceLearningRateOnPlateau(minDelta: -1e-3)).ParamName);
        Assert.Equal("cooldown", Assert.ThrowsAny<ArgumentException>(() => new ReduceLearningRateOnPlateau(cooldown: -1)).ParamName);
        Assert.Equal("minLearningRate", Assert.ThrowsAny<ArgumentException>(() => new ReduceLearningRateOnPlateau(minLearningRate: float.NaN)).ParamName);
        Assert.Equal("currentLearningRate", Assert.ThrowsAny<ArgumentException>(() => new ReduceLearningRateOnPlateau().CreateTracker().Update(1.0, -1f)).ParamName);
    }

    [Fact]
    public void ConfigRoundTripKeepsEveryHyperparameter()
    {
        var plateau = new ReduceLearningRateOnPlateau(0.2f, 5, MonitorMode.Max, 0.003, 2, 1e-5f);
        var config = plateau.GetConfig();
        var rebuilt = ReduceLearningRateOnPlateau.FromConfig(config);
        Assert.Equal(config, rebuilt.GetConfig());
        Assert.Equal(0.2, config.Get("factor"));
        Assert.Equal(1.0, config.Get("mode"));
        Assert.Equal(MonitorMode.Max, rebuilt.Mode);
        Assert.Equal(1e-5f, rebuilt.MinLearningRate);

        Assert.Throws<ArgumentException>(() => ReduceLearningRateOnPlateau.FromConfig(new ComponentConfig("reduce_lr_on_plateau", [new("mode", 2)])));
        Assert.Throws<ArgumentException>(() => ReduceLearningRateOnPlateau.FromConfig(new ComponentConfig("reduce_lr_on_plateau", [new("patients", 2)])));
        Assert.Equal(10, ReduceLearningRateOnPlateau.FromConfig(new ComponentConfig("reduce_lr_on_plateau")).Patience);
    }
}
