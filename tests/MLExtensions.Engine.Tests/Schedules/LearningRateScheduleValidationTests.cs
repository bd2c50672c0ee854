using MLExtensions.Engine.Schedules;

namespace MLExtensions.Engine.Tests.Schedules;

public class LearningRateScheduleValidationTests
{
    public static TheoryData<string, Action> InvalidConstructions => new()
    {
        { "dropEvery", () => _ = new StepDecay(0, 0.5f) },
        { "factor", () => _ = new StepDecay(10, 0f) },
        { "factor", () => _ = new StepDecay(10, 1.5f) },
        { "factor", () => _ = new StepDecay(10, float.NaN) },
        { "decaySteps", () => _ = new ExponentialDecay(0, 0.9f) },
        { "decayRate", () => _ = new ExponentialDecay(10, 0f) },
        { "decayRate", () => _ = new ExponentialDecay(10, float.PositiveInfinity) },
        { "decaySteps", () => _ = new InverseTimeDecay(-1, 0.5f) },
        { "decayRate", () => _ = new InverseTimeDecay(10, -0.5f) },
        { "steps", () => _ = new PowerDecay(0) },
        { "power", () => _ = new PowerDecay(10, -1f) },
        { "decaySteps", () => _ = new PolynomialDecay(0) },
        { "endLearningRate", () => _ = new PolynomialDecay(10, -0.1f) },
        { "power", () => _ = new PolynomialDecay(10, 0.01f, float.NaN) },
        { "decaySteps", () => _ = new CosineDecay(0) },
        { "alpha", () => _ = new CosineDecay(10, 1.5f) },
        { "alpha", () => _ = new CosineDecay(10, -0.1f) },
        { "warmupSteps", () => _ = new CosineDecay(10, 0f, -1, 1f) },
        { "warmupTarget", () => _ = new CosineDecay(10, 0f, 5, float.NaN) },
        { "warmupTarget", () => _ = new CosineDecay(10, 0f, 5, null) },
        { "values", () => _ = new PiecewiseConstantDecay([10, 20], [1f, 0.5f]) },
        { "boundaries", () => _ = new PiecewiseConstantDecay([10, 10], [1f, 0.5f, 0.1f]) },
        { "boundaries", () => _ = new PiecewiseConstantDecay([20, 10], [1f, 0.5f, 0.1f]) },
        { "values", () => _ = new PiecewiseConstantDecay([10], [1f, float.NaN]) },
        { "values", () => _ = new PiecewiseConstantDecay([10], [1f, -1f]) },
    };

    [Theory]
    [MemberData(nameof(InvalidConstructions))]
    public void InvalidArgumentsAreRejectedNamingTheParameter(string parameter, Action construct)
    {
        var error = Assert.ThrowsAny<ArgumentException>(construct);
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void NegativeStepsAndBadInitialRatesAreRejected()
    {
        var schedule = new ExponentialDecay(10, 0.5f);
        Assert.Equal("step", Assert.ThrowsAny<ArgumentException>(() => schedule.LearningRate(0.1f, -1)).ParamName);
        Assert.Equal("initialLearningRate", Assert.ThrowsAny<ArgumentException>(() => schedule.LearningRate(-0.1f, 0)).ParamName);
        Assert.Equal("initialLearningRate", Assert.ThrowsAny<ArgumentException>(() => schedule.LearningRate(float.NaN, 0)).ParamName);
        Assert.Equal("initialLearningRate", Assert.ThrowsAny<ArgumentException>(() => schedule.LearningRate(float.PositiveInfinity, 0)).ParamName);
    }

    [Fact]
    public void PiecewiseConstantCopiesItsArrays()
    {
        long[] boundaries = [10];
        float[] values = [1f, 0.5f];
        var schedule = new PiecewiseConstantDecay(boundaries, values);
        boundaries[0] = 0;
        values[1] = 7f;
        Assert.Equal(0.5f, schedule.LearningRate(1f, 11));
    }
}
