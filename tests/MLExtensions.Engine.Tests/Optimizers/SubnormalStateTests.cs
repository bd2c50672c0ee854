using MLExtensions.Engine.Optimizers;

namespace MLExtensions.Engine.Tests.Optimizers;

/// <summary>
/// Parameters whose gradient is always zero (dead units, always-black pixels) must not leave subnormal values
/// in the optimizer's state: on x86 they make every later update about ten times slower, for good.
/// </summary>
public class SubnormalStateTests
{
    public static TheoryData<string> StatefulOptimizers => new()
    {
        "adam", "adamw", "nadam", "adamax", "rmsprop", "rmsprop-centered-momentum", "sgd-momentum",
    };

    private static Optimizer Create(string name) => name switch
    {
        "adam" => new Adam(),
        "adamw" => new AdamW(),
        "nadam" => new Nadam(),
        "adamax" => new Adamax(),
        "rmsprop" => new RmsProp(),
        "rmsprop-centered-momentum" => new RmsProp(momentum: 0.9f, centered: true),
        _ => new Sgd(momentum: 0.9f),
    };

    [Theory]
    [MemberData(nameof(StatefulOptimizers))]
    public void StateDecayingUnderZeroGradientsIsFlushedToZeroInsteadOfGoingSubnormal(string name)
    {
        var optimizer = Create(name);
        // 37 parameters: every vector width and the scalar tail are exercised.
        var parameters = Enumerable.Repeat(0.5f, 37).ToArray();
        var gradients = Enumerable.Range(0, 37).Select(i => 1e-3f * (i + 1)).ToArray();
        for (int step = 0; step < 20; step++)
            optimizer.Update(parameters, gradients);
        Array.Clear(gradients);
        // 0.9 per step takes a moment from 1e-3 through the whole subnormal range within ~900 steps.
        for (int step = 0; step < 1500; step++)
            optimizer.Update(parameters, gradients);

        foreach (var state in optimizer.StateNames)
            Assert.All(optimizer.GetState(state).ToArray(), v => Assert.False(float.IsSubnormal(v), $"{name} state '{state}' holds subnormal {v:E3}"));
        Assert.All(parameters, p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void TinyGradientsDoNotSquareIntoSubnormalSecondMoments()
    {
        var optimizer = new Adam();
        var parameters = new float[19];
        var gradients = Enumerable.Repeat(1e-21f, 19).ToArray();
        optimizer.Update(parameters, gradients);
        Assert.All(optimizer.GetState("velocity").ToArray(), v => Assert.Equal(0f, v));
        Assert.All(optimizer.GetState("momentum").ToArray(), m => Assert.Equal(1e-21f * 0.1f, m, 1e-27f));
    }

    [Fact]
    public void NaNStateIsKeptSoDivergenceStaysVisible()
    {
        var optimizer = new Adam();
        var parameters = new float[19];
        var gradients = Enumerable.Repeat(float.NaN, 19).ToArray();
        optimizer.Update(parameters, gradients);
        Assert.All(optimizer.GetState("momentum").ToArray(), m => Assert.True(float.IsNaN(m)));
    }
}
