using MLExtensions.Engine.Schedules;

namespace MLExtensions.Engine.Tests.Schedules;

/// <summary>Each schedule's rate at chosen steps against the formula written out by hand.</summary>
public class LearningRateScheduleValueTests
{
    private const float Lr = 0.1f;

    private static void AssertRate(double expected, LearningRateSchedule schedule, long step, float initial = Lr) =>
        Assert.Equal((float)expected, schedule.LearningRate(initial, step), 1e-7f);

    [Fact]
    public void ConstantReturnsTheInitialRate()
    {
        var schedule = new ConstantSchedule();
        AssertRate(Lr, schedule, 0);
        AssertRate(Lr, schedule, 1_000_000);
        AssertRate(0.5, schedule, 7, 0.5f);
    }

    [Fact]
    public void StepDecayDropsEveryInterval()
    {
        var schedule = new StepDecay(dropEvery: 10, factor: 0.5f);
        AssertRate((double)Lr, schedule, 0);
        AssertRate((double)Lr, schedule, 9);
        AssertRate(Lr * 0.5, schedule, 10);
        AssertRate(Lr * 0.5 * 0.5, schedule, 25);
        AssertRate(Lr * 0.5 * 0.5 * 0.5, schedule, 30);
    }

    [Fact]
    public void ExponentialDecayIsSmoothOrStaircase()
    {
        var smooth = new ExponentialDecay(decaySteps: 100, decayRate: 0.96f);
        var stairs = new ExponentialDecay(decaySteps: 100, decayRate: 0.96f, staircase: true);
        double rate = 0.96f;
        AssertRate((double)Lr, smooth, 0);
        AssertRate(Lr * Math.Pow(rate, 0.5), smooth, 50);
        AssertRate(Lr * Math.Pow(rate, 2.5), smooth, 250);
        AssertRate((double)Lr, stairs, 99);
        AssertRate(Lr * rate, stairs, 100);
        AssertRate(Lr * rate * rate, stairs, 250);
    }

    [Fact]
    public void InverseTimeDecayDividesByOnePlusRateTimesProgress()
    {
        var smooth = new InverseTimeDecay(decaySteps: 10, decayRate: 0.5f);
        var stairs = new InverseTimeDecay(decaySteps: 10, decayRate: 0.5f, staircase: true);
        AssertRate((double)Lr, smooth, 0);
        AssertRate(Lr / (1 + 0.5 * 0.5), smooth, 5);
        AssertRate(Lr / (1 + 0.5 * 1.5), smooth, 15);
        AssertRate((double)Lr, stairs, 9);
        AssertRate(Lr / (1 + 0.5 * 1), stairs, 15);
        AssertRate(Lr / (1 + 0.5 * 3), stairs, 30);
    }

    [Fact]
    public void PowerDecayHalvesAfterSStepsWithUnitPower()
    {
        var linear = new PowerDecay(steps: 20, power: 1f);
        var root = new PowerDecay(steps: 20, power: 0.5f);
        AssertRate((double)Lr, linear, 0);
        AssertRate(Lr / 2.0, linear, 20);
        AssertRate(Lr / 4.0, linear, 60);
        AssertRate(Lr / (1 + 5.0 / 20), linear, 5);
        AssertRate(Lr / 2.0, root, 60); // (1 + 60/20)^0.5 = 2
    }

    [Fact]
    public void PiecewiseConstantClosesEachIntervalAtItsBoundaryAndIgnoresTheInitialRate()
    {
        var schedule = new PiecewiseConstantDecay([100, 200], [1.0f, 0.5f, 0.1f]);
        AssertRate(1.0, schedule, 0, initial: 42f);
        AssertRate(1.0, schedule, 100, initial: 42f);
        AssertRate(0.5, schedule, 101, initial: 42f);
        AssertRate(0.5, schedule, 200, initial: 42f);
        AssertRate(0.1f, schedule, 201, initial: 42f);
        AssertRate(0.1f, schedule, 1_000_000_000, initial: 42f);
    }

    [Fact]
    public void PiecewiseConstantWithoutBoundariesIsConstant()
    {
        var schedule = new PiecewiseConstantDecay([], [0.25f]);
        AssertRate(0.25, schedule, 0);
        AssertRate(0.25, schedule, 12345);
    }

    [Fact]
    public void PolynomialDecayReachesTheEndRateAndHolds()
    {
        var schedule = new PolynomialDecay(decaySteps: 100, endLearningRate: 0.01f, power: 2f);
        double span = Lr - (double)0.01f, end = 0.01f;
        AssertRate((double)Lr, schedule, 0);
        AssertRate(span * 0.5 * 0.5 + end, schedule, 50);
        AssertRate(end, schedule, 100);
        AssertRate(end, schedule, 150);
    }

    [Fact]
    public void PolynomialDecayWithCycleStretchesTheHorizonToTheNextMultiple()
    {
        var schedule = new PolynomialDecay(decaySteps: 100, endLearningRate: 0.01f, power: 2f, cycle: true);
        double span = Lr - (double)0.01f, end = 0.01f;
        AssertRate((double)Lr, schedule, 0);
        AssertRate(span * 0.5 * 0.5 + end, schedule, 50);
        AssertRate(end, schedule, 100);
        AssertRate(span * (1 - 101.0 / 200) * (1 - 101.0 / 200) + end, schedule, 101);
        AssertRate(span * 0.25 * 0.25 + end, schedule, 150);
        AssertRate(span * (1 - 250.0 / 300) * (1 - 250.0 / 300) + end, schedule, 250);
    }

    [Fact]
    public void CosineDecayFallsToAlphaTimesTheInitialRate()
    {
        var schedule = new CosineDecay(decaySteps: 100, alpha: 0.1f);
        double alpha = 0.1f;
        AssertRate((double)Lr, schedule, 0);
        AssertRate(Lr * ((1 - alpha) * 0.5 * (1 + Math.Cos(Math.PI / 4)) + alpha), schedule, 25);
        AssertRate(Lr * ((1 - alpha) * 0.5 + alpha), schedule, 50);
        AssertRate(Lr * alpha, schedule, 100);
        AssertRate(Lr * alpha, schedule, 1000);
    }

    [Fact]
    public void CosineDecayWarmsUpLinearlyToTheTargetThenDecaysFromIt()
    {
        var schedule = new CosineDecay(decaySteps: 100, alpha: 0f, warmupSteps: 10, warmupTarget: 1f);
        AssertRate((double)Lr, schedule, 0);
        AssertRate(Lr + (1 - Lr) * 0.5, schedule, 5);
        AssertRate(Lr + (1 - Lr) * 0.9, schedule, 9);
        AssertRate(1.0, schedule, 10);
        AssertRate(0.5 * (1 + Math.Cos(Math.PI * 0.25)), schedule, 35);
        AssertRate(0.5, schedule, 60);
        AssertRate(0.0, schedule, 110);
        AssertRate(0.0, schedule, 500);
    }

    [Fact]
    public void CosineDecayWithATargetButNoWarmupStepsDecaysFromTheTarget()
    {
        var schedule = new CosineDecay(decaySteps: 10, warmupTarget: 0.5f);
        AssertRate(0.5, schedule, 0);
        AssertRate(0.25, schedule, 5);
    }
}
