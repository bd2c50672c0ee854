using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Tests.Support;
using static MLExtensions.Engine.Tests.Optimizers.OptimizerTestData;

namespace MLExtensions.Engine.Tests.Optimizers;

public class OptimizerBehaviourTests
{
    public static TheoryData<string> Variants() => AllVariants();

    [Theory]
    [MemberData(nameof(Variants))]
    public void Update_RejectsMismatchedLengths(string variant)
    {
        var optimizer = Create(variant);
        var error = Assert.Throws<ArgumentException>(() => optimizer.Update(new float[5], new float[4]));
        Assert.Equal("gradients", error.ParamName);
        Assert.Equal(0, optimizer.Iterations);
        Assert.False(optimizer.IsBuilt);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Update_RejectsAChangedLengthUntilReset(string variant)
    {
        var optimizer = Create(variant);
        optimizer.Update(new float[Length], Gradient(1));
        Assert.Throws<InvalidOperationException>(() => optimizer.Update(new float[Length + 1], new float[Length + 1]));
        Assert.Equal(1, optimizer.Iterations);

        optimizer.Reset();
        optimizer.Update(new float[Length + 1], new float[Length + 1]);
        Assert.Equal(Length + 1, optimizer.ParameterCount);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void LearningRate_MustBeNonNegativeAndFinite(float rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(rate));
        var optimizer = new RmsProp();
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = rate);
        Assert.Equal(0.001f, optimizer.LearningRate);
    }

    [Fact]
    public void LearningRate_ZeroLeavesTheParametersWhereTheyAre()
    {
        foreach (var optimizer in new Optimizer[] { new Sgd(0f, momentum: 0.9f), new Adam(0f), new AdamW(0f), new RmsProp(0f), new Nadam(0f) })
        {
            var parameters = new float[] { 1f, -2f, 3f };
            optimizer.Update(parameters, new float[] { 0.5f, -0.25f, 4f });
            optimizer.Update(parameters, new float[] { 0.5f, -0.25f, 4f });
            Assert.Equal(new float[] { 1f, -2f, 3f }, parameters);
        }
    }

    [Fact]
    public void Constructors_RejectOutOfRangeHyperparameters()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(momentum: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(momentum: 1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad(initialAccumulatorValue: -1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(rho: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta2: float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(epsilon: -1e-7f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(weightDecay: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nadam(beta2: -0.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adamax(epsilon: float.PositiveInfinity));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Reset_BehavesLikeANewOptimizer(string variant)
    {
        var used = Create(variant);
        var w = InitialWeights();
        for (int t = 1; t <= 4; t++)
            used.Update(w, Gradient(t));
        used.Reset();
        Assert.Equal(0, used.Iterations);
        Assert.False(used.IsBuilt);
        foreach (var name in used.StateNames)
            Assert.Throws<InvalidOperationException>(() => used.GetState(name).Length);

        var fresh = Create(variant);
        float[] a = InitialWeights(), b = InitialWeights();
        for (int t = 1; t <= 3; t++)
        {
            used.Update(a, Gradient(t));
            fresh.Update(b, Gradient(t));
        }
        Assert.Equal(b, a);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void SavedState_ResumesBitExactly(string variant)
    {
        var original = Create(variant);
        float[] w = InitialWeights();
        for (int t = 1; t <= 5; t++)
            original.Update(w, Gradient(t));

        // What a checkpoint holds: config, iteration count, state buffers, parameters.
        ComponentConfig config = original.GetConfig();
        long iterations = original.Iterations;
        var saved = original.StateNames.ToDictionary(name => name, name => original.GetState(name).ToArray());
        float[] savedWeights = (float[])w.Clone();

        var resumed = Optimizer.FromConfig(config);
        resumed.Build(savedWeights.Length);
        foreach (var (name, buffer) in saved)
            buffer.CopyTo(resumed.GetState(name));
        resumed.RestoreIterations(iterations);

        for (int t = 6; t <= 9; t++)
        {
            original.Update(w, Gradient(t));
            resumed.Update(savedWeights, Gradient(t));
        }
        Assert.Equal(w, savedWeights);
        foreach (var name in original.StateNames)
            Assert.Equal(original.GetState(name).ToArray(), resumed.GetState(name).ToArray());
        Assert.Equal(original.Iterations, resumed.Iterations);
    }

    [Fact]
    public void StateNames_FollowKerasVariableNames()
    {
        Assert.Empty(new Sgd().StateNames);
        Assert.Equal(["momentum"], new Sgd(momentum: 0.9f).StateNames);
        Assert.Equal(["accumulator"], new Adagrad().StateNames);
        Assert.Equal(["velocity"], new RmsProp().StateNames);
        Assert.Equal(["velocity", "momentum", "average_gradient"], new RmsProp(momentum: 0.5f, centered: true).StateNames);
        Assert.Equal(["momentum", "velocity"], new Adam().StateNames);
        Assert.Equal(["momentum", "velocity", "velocity_hat"], new AdamW(amsgrad: true).StateNames);
        Assert.Equal(["momentum", "velocity"], new Nadam().StateNames);
        Assert.Equal(["momentum", "norm"], new Adamax().StateNames);
    }

    [Fact]
    public void GetState_ExposesInitialValuesAndRejectsUnknownNames()
    {
        var adagrad = new Adagrad(initialAccumulatorValue: 0.25f);
        Assert.Throws<InvalidOperationException>(() => adagrad.GetState("accumulator").Length);
        adagrad.Build(Length);
        Assert.All(adagrad.GetState("accumulator").ToArray(), value => Assert.Equal(0.25f, value));
        var error = Assert.Throws<ArgumentException>(() => adagrad.GetState("velocity").Length);
        Assert.Contains("accumulator", error.Message);
        Assert.Throws<InvalidOperationException>(() => adagrad.Build(Length + 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam().RestoreIterations(-1));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Update_DoesNotAllocateAfterTheFirstCall(string variant)
    {
        var optimizer = Create(variant);
        float[] w = InitialWeights(), g = Gradient(1);
        Assert.Equal(0, Allocations.InSteadyState(() => optimizer.Update(w, g), callsPerWindow: 40));
    }

    [Fact]
    public void Update_OnAnEmptyBufferOnlyCountsTheStep()
    {
        var optimizer = new Adam();
        optimizer.Update([], []);
        Assert.Equal(1, optimizer.Iterations);
    }

    [Fact]
    public void Nadam_RestoredAtAnyStepMatchesTheUninterruptedRun()
    {
        // Nadam's momentum-cache product is derived from the step, not saved; jumping the step must rebuild it.
        float[] g = Gradient(1);
        var uninterrupted = new Nadam(0.01f);
        float[] a = InitialWeights();
        for (int t = 0; t < 30; t++)
            uninterrupted.Update(a, g);

        var jumped = new Nadam(0.01f);
        float[] b = InitialWeights();
        jumped.Update(b, g);
        jumped.Reset();
        b = InitialWeights();
        for (int t = 0; t < 20; t++)
            jumped.Update(b, g);
        var snapshot = (m: jumped.GetState("momentum").ToArray(), v: jumped.GetState("velocity").ToArray(), w: (float[])b.Clone());
        jumped.Update(b, g);
        jumped.Update(b, g);
        snapshot.m.CopyTo(jumped.GetState("momentum"));
        snapshot.v.CopyTo(jumped.GetState("velocity"));
        jumped.RestoreIterations(20);
        for (int t = 0; t < 10; t++)
            jumped.Update(snapshot.w, g);
        Assert.Equal(a, snapshot.w);
    }
}
