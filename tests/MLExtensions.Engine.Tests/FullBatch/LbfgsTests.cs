using MLExtensions.Engine.FullBatch;

namespace MLExtensions.Engine.Tests.FullBatch;

public class LbfgsTests
{
    /// <summary>Chained Rosenbrock, Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², evaluated in double at the float point.</summary>
    private static double Rosenbrock(ReadOnlySpan<float> x, Span<float> gradient)
    {
        double loss = 0;
        var g = new double[x.Length];
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i], b = x[i + 1];
            double r = b - a * a;
            loss += 100 * r * r + (1 - a) * (1 - a);
            g[i] += -400 * a * r - 2 * (1 - a);
            g[i + 1] += 200 * r;
        }
        for (int i = 0; i < x.Length; i++)
            gradient[i] = (float)g[i];
        return loss;
    }

    private static void AssertNear(ReadOnlySpan<float> x, double expected, double tolerance)
    {
        for (int i = 0; i < x.Length; i++)
            Assert.True(Math.Abs(x[i] - expected) <= tolerance, $"x[{i}] = {x[i]:R}");
    }

    [Theory]
    [InlineData(LbfgsLineSearch.StrongWolfe)]
    [InlineData(LbfgsLineSearch.Backtracking)]
    public void Rosenbrock2D_ReachesTheMinimum(LbfgsLineSearch lineSearch)
    {
        float[] x = [-1.2f, 1f];
        var result = new Lbfgs(lineSearch: lineSearch, maxIterations: 500).Minimize(x, Rosenbrock);
        Assert.True(result.Converged, result.ToString());
        AssertNear(x, 1, 1e-4);
        Assert.True(result.Loss < 1e-8, result.ToString());
    }

    [Fact]
    public void Rosenbrock10D_ReachesTheMinimum()
    {
        var x = new float[10];
        for (int i = 0; i < x.Length; i++)
            x[i] = i % 2 == 0 ? -1.2f : 1f;
        var result = new Lbfgs(maxIterations: 500).Minimize(x, Rosenbrock);
        Assert.True(result.Converged, result.ToString());
        AssertNear(x, 1, 1e-4);
    }

    [Fact]
    public void Quadratic_ConvergesInFewIterations()
    {
        const int n = 50;
        var c = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            c[i] = 1 + (i % 3);
            t[i] = Math.Sin(i);
        }
        double Objective(ReadOnlySpan<float> x, Span<float> gradient)
        {
            double loss = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double d = x[i] - t[i];
                loss += c[i] * d * d;
                gradient[i] = (float)(2 * c[i] * d);
            }
            return loss;
        }

        var x = new float[n];
        var result = new Lbfgs(gradientTolerance: 1e-5).Minimize(x, Objective);
        Assert.Equal(LbfgsStopReason.ConvergedGradient, result.StopReason);
        // Three distinct curvatures: a quasi-Newton method needs a handful of steps, not dozens.
        Assert.True(result.Iterations <= 8, result.ToString());
        for (int i = 0; i < n; i++)
            Assert.Equal(t[i], x[i], 1e-5);
    }

    [Fact]
    public void NonFiniteStart_StopsAndLeavesParametersUntouched()
    {
        float[] x = [1f, 2f];
        var result = new Lbfgs().Minimize(x, (_, _) => double.NaN);
        Assert.Equal(LbfgsStopReason.NonFiniteLoss, result.StopReason);
        Assert.Equal([1f, 2f], x);
        Assert.Equal(1, result.FunctionEvaluations);
    }

    [Fact]
    public void NonFiniteRegion_IsBackedAwayFromWithoutLeavingNaNs()
    {
        // Minimum at 3 but the loss is NaN beyond 2, as a log of a negative number would be: the search
        // must treat NaN as "too far" and finish at a finite point.
        double Objective(ReadOnlySpan<float> x, Span<float> gradient)
        {
            double loss = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (x[i] > 2)
                    return double.NaN;
                loss += (x[i] - 3) * (x[i] - 3);
                gradient[i] = 2 * (x[i] - 3);
            }
            return loss;
        }

        float[] x = [0f, -1f, 1.5f];
        var result = new Lbfgs().Minimize(x, Objective);
        Assert.All(x, value => Assert.True(float.IsFinite(value) && value <= 2));
        Assert.Equal(Objective(x, new float[3]), result.Loss);
        Assert.True(result.Loss < Objective(new float[] { 0f, -1f, 1.5f }, new float[3]));
    }

    [Fact]
    public void ObjectiveTurningNaN_RestoresTheLastGoodPoint()
    {
        int calls = 0;
        double Objective(ReadOnlySpan<float> x, Span<float> gradient)
        {
            if (++calls > 4)
                return double.PositiveInfinity;
            return Rosenbrock(x, gradient);
        }

        float[] x = [-1.2f, 1f];
        var result = new Lbfgs().Minimize(x, Objective);
        Assert.Equal(LbfgsStopReason.LineSearchFailed, result.StopReason);
        Assert.All(x, value => Assert.True(float.IsFinite(value)));
        Assert.Equal(Rosenbrock(x, new float[2]), result.Loss);
        Assert.True(result.Loss < 24.2, result.ToString()); // f(−1.2, 1) = 24.2
    }

    [Fact]
    public void Cancellation_StopsAtAnAcceptedPoint()
    {
        using var source = new CancellationTokenSource();
        int calls = 0;
        double Objective(ReadOnlySpan<float> x, Span<float> gradient)
        {
            if (++calls == 10)
                source.Cancel();
            return Rosenbrock(x, gradient);
        }

        float[] x = [-1.2f, 1f];
        var result = new Lbfgs().Minimize(x, Objective, source.Token);
        Assert.Equal(LbfgsStopReason.Cancelled, result.StopReason);
        Assert.True(result.Iterations > 0);
        Assert.Equal(Rosenbrock(x, new float[2]), result.Loss);
    }

    [Fact]
    public void MaxIterations_IsReported()
    {
        float[] x = [-1.2f, 1f];
        var result = new Lbfgs(maxIterations: 3).Minimize(x, Rosenbrock);
        Assert.Equal(LbfgsStopReason.MaxIterations, result.StopReason);
        Assert.Equal(3, result.Iterations);
        Assert.True(result.FunctionEvaluations >= 4);
    }

    [Fact]
    public void ThrowingObjective_RestoresTheLastAcceptedPoint()
    {
        int calls = 0;
        double Objective(ReadOnlySpan<float> x, Span<float> gradient)
        {
            if (++calls == 6)
                throw new InvalidOperationException("boom");
            return Rosenbrock(x, gradient);
        }

        float[] x = [-1.2f, 1f];
        Assert.Throws<InvalidOperationException>(() => new Lbfgs().Minimize(x, Objective));
        Assert.All(x, value => Assert.True(float.IsFinite(value)));
        Assert.True(Rosenbrock(x, new float[2]) <= 24.2);
    }

    [Fact]
    public void GradientIsZeroedBeforeEachEvaluation()
    {
        // An objective that accumulates into the gradient (as backpropagation does) must see zeros.
        double Objective(ReadOnlySpan<float> x, Span<float> gradient)
        {
            for (int i = 0; i < x.Length; i++)
                gradient[i] += 2 * (x[i] - 1);
            double loss = 0;
            foreach (float v in x)
                loss += (v - 1) * (v - 1);
            return loss;
        }

        var x = new float[7];
        var result = new Lbfgs().Minimize(x, Objective);
        Assert.Equal(LbfgsStopReason.ConvergedGradient, result.StopReason);
        AssertNear(x, 1, 1e-5);
    }

    [Fact]
    public void Constructor_RejectsInvalidOptions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(historySize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(maxIterations: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(gradientTolerance: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(functionTolerance: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(lineSearch: (LbfgsLineSearch)7));
        Assert.Throws<ArgumentNullException>(() => new Lbfgs().Minimize(new float[1], null!));
    }
}
