using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Parallelism;
using static MLExtensions.Engine.Tests.Optimizers.OptimizerTestData;

namespace MLExtensions.Engine.Tests.Optimizers;

/// <summary>Each slice's update receives its state explicitly, so nothing couples two optimizers or two slices.</summary>
public class ExplicitStateTests
{
    public static TheoryData<string> Variants() => AllVariants();

    [Theory]
    [MemberData(nameof(Variants))]
    public void TwoOptimizersUpdatedInterleavedOnOneThreadMatchEachUpdatedAlone(string variant)
    {
        float[] RunAlone(float scale)
        {
            var optimizer = Create(variant);
            var w = InitialWeights();
            for (int step = 1; step <= 4; step++)
                optimizer.Update(w, Scaled(Gradient(step), scale));
            return w;
        }

        var first = Create(variant);
        var second = Create(variant);
        var w1 = InitialWeights();
        var w2 = InitialWeights();
        for (int step = 1; step <= 4; step++)
        {
            first.Update(w1, Scaled(Gradient(step), 1f));
            second.Update(w2, Scaled(Gradient(step), -2f));
        }

        Assert.Equal(RunAlone(1f), w1);
        Assert.Equal(RunAlone(-2f), w2);
    }

    [Fact]
    public void AnOptimizerThatUpdatesAnotherInsideItsOwnStepStillSeesItsOwnSlice()
    {
        var outer = new MarkingOptimizer(inner: new Sgd(0.1f));
        var w = new float[10];
        var g = Enumerable.Repeat(1f, 10).ToArray();

        outer.Update(w, g, [new Range(0, 4), new Range(6, 10)]);

        Assert.Equal([1f, 1f, 1f, 1f, 0f, 0f, 1f, 1f, 1f, 1f], outer.GetState("marks").ToArray());
        Assert.Equal([-0.1f, -0.1f, -0.1f, -0.1f, 0f, 0f, -0.1f, -0.1f, -0.1f, -0.1f], w);
    }

    [Fact]
    public void ParallelSlicesEachReceiveTheirOwnPartOfTheState()
    {
        const int length = 100_000;
        using var pool = new WorkerPool(2);
        var outer = new MarkingOptimizer(inner: null);
        var w = new float[length];
        var g = new float[length];

        outer.Update(w, g, pool);
        outer.Update(w, g, pool);

        Assert.All(outer.GetState("marks").ToArray(), mark => Assert.Equal(2f, mark));
        Assert.Equal(2, outer.Iterations);
    }

    [Fact]
    public void CenteredRmsPropWithoutMomentumFollowsItsFormula()
    {
        const float lr = 0.01f, rho = 0.85f, epsilon = 1e-3f;
        var optimizer = new RmsProp(lr, rho: rho, epsilon: epsilon, centered: true);
        Assert.Equal(["velocity", "average_gradient"], optimizer.StateNames);
        var w = InitialWeights();
        var expected = w.Select(value => (double)value).ToArray();
        var v = new double[Length];
        var a = new double[Length];
        for (int step = 1; step <= 3; step++)
        {
            var g = Gradient(step);
            optimizer.Update(w, g);
            for (int i = 0; i < Length; i++)
            {
                v[i] = rho * v[i] + (1 - rho) * g[i] * (double)g[i];
                a[i] = rho * a[i] + (1 - rho) * g[i];
                expected[i] -= lr * g[i] / Math.Sqrt(v[i] - a[i] * a[i] + epsilon);
            }
        }

        for (int i = 0; i < Length; i++)
            Assert.Equal(expected[i], w[i], 1e-5);
    }

    private static float[] Scaled(float[] values, float scale) => values.Select(value => value * scale).ToArray();

    /// <summary>
    /// Marks every parameter its slices cover by adding 1 to its state, after running an inner optimizer (if any) on
    /// the same slice: the inner update must not change which state the outer one sees.
    /// </summary>
    private sealed class MarkingOptimizer : Optimizer
    {
        private readonly Optimizer? _inner;
        private readonly int _marksSlot;

        public MarkingOptimizer(Optimizer? inner)
            : base(0.1f)
        {
            _inner = inner;
            _marksSlot = AddState("marks");
        }

        public override MLExtensions.Engine.Configuration.ComponentConfig GetConfig() => new("marking");

        protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, long step)
        {
            _inner?.Update(parameters, gradients);
            Assert.Equal(1, state.SlotCount);
            Assert.Equal(parameters.Length, state.Length);
            var marks = state[_marksSlot];
            for (int i = 0; i < marks.Length; i++)
                marks[i] += 1f;
        }
    }
}
