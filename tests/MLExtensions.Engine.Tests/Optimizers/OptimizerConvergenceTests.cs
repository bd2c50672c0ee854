using MLExtensions.Engine.Optimizers;

namespace MLExtensions.Engine.Tests.Optimizers;

public class OptimizerConvergenceTests
{
    public static TheoryData<string, int, double> Cases() => new()
    {
        { "sgd", 300, 1e-4 },
        { "sgd-momentum", 300, 1e-4 },
        { "sgd-nesterov", 300, 1e-4 },
        { "adagrad", 500, 1e-3 },
        { "rmsprop", 1500, 1e-2 },
        { "rmsprop-centered", 1500, 1e-2 },
        { "adam", 1500, 1e-3 },
        { "adam-amsgrad", 1500, 1e-3 },
        { "adamw", 1500, 1e-2 },
        { "nadam", 1500, 1e-3 },
        { "adamax", 1500, 1e-3 },
    };

    private static Optimizer Create(string name) => name switch
    {
        "sgd" => new Sgd(0.1f),
        "sgd-momentum" => new Sgd(0.05f, momentum: 0.8f),
        "sgd-nesterov" => new Sgd(0.05f, momentum: 0.8f, nesterov: true),
        "adagrad" => new Adagrad(0.5f),
        "rmsprop" => new RmsProp(0.01f),
        "rmsprop-centered" => new RmsProp(0.01f, momentum: 0.5f, centered: true),
        "adam" => new Adam(0.05f),
        "adam-amsgrad" => new Adam(0.05f, amsgrad: true),
        "adamw" => new AdamW(0.05f, weightDecay: 1e-3f),
        "nadam" => new Nadam(0.05f),
        "adamax" => new Adamax(0.05f),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Minimizes Σ cᵢ(wᵢ − tᵢ)² with curvatures spread over a factor of 6.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void MinimizesAConvexQuadratic(string name, int steps, double tolerance)
    {
        const int n = 19;
        var c = new float[n];
        var target = new float[n];
        for (int i = 0; i < n; i++)
        {
            c[i] = 0.5f + 2.5f * i / (n - 1);
            target[i] = (float)(1.5 * Math.Cos(i) - 0.3);
        }
        var w = new float[n];
        var g = new float[n];
        var optimizer = Create(name);
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < n; i++)
                g[i] = 2 * c[i] * (w[i] - target[i]);
            optimizer.Update(w, g);
        }
        double worst = Enumerable.Range(0, n).Max(i => Math.Abs(w[i] - target[i]));
        Assert.True(worst < tolerance, $"{name}: largest distance to the optimum {worst:G3} after {steps} steps");
    }
}
