using MLExtensions.Engine.Optimizers;

namespace MLExtensions.Engine.Tests.Optimizers;

/// <summary>Shared inputs: an odd length so every vector width leaves a scalar tail.</summary>
internal static class OptimizerTestData
{
    public const int Length = 19;

    public static float[] InitialWeights()
    {
        var w = new float[Length];
        for (int i = 0; i < Length; i++)
            w[i] = (float)(0.8 * Math.Sin(1.7 * i + 0.3) + 0.05 * (i - 9));
        return w;
    }

    /// <summary>
    /// Varied signs and magnitudes, plus an exact zero, a tiny value (where ε placement matters) and a
    /// large outlier that moves a running maximum.
    /// </summary>
    public static float[] Gradient(int step)
    {
        var g = new float[Length];
        for (int i = 0; i < Length; i++)
            g[i] = (float)(Math.Cos(0.9 * i + 1.3 * step) * (1 + i % 4));
        g[3] = 0f;
        g[7] = 1e-4f * step;
        g[11] = step == 2 ? -25f : 0.5f;
        g[Length - 1] = -3f / step;
        return g;
    }

    /// <summary>Every optimizer with non-default hyperparameters that switch on all its state.</summary>
    public static TheoryData<string> AllVariants() => new(VariantNames);

    public static readonly string[] VariantNames =
    [
        "sgd", "sgd-momentum", "sgd-nesterov", "adagrad", "rmsprop", "rmsprop-momentum-centered",
        "adam", "adam-amsgrad", "adamw", "adamw-amsgrad", "nadam", "adamax",
    ];

    public static Optimizer Create(string variant) => variant switch
    {
        "sgd" => new Sgd(0.05f),
        "sgd-momentum" => new Sgd(0.05f, momentum: 0.8f),
        "sgd-nesterov" => new Sgd(0.05f, momentum: 0.7f, nesterov: true),
        "adagrad" => new Adagrad(0.1f, initialAccumulatorValue: 0.2f, epsilon: 1e-3f),
        "rmsprop" => new RmsProp(0.01f, rho: 0.8f, epsilon: 1e-3f),
        "rmsprop-momentum-centered" => new RmsProp(0.01f, rho: 0.85f, momentum: 0.6f, epsilon: 1e-3f, centered: true),
        "adam" => new Adam(0.02f, beta1: 0.8f, beta2: 0.95f, epsilon: 1e-3f),
        "adam-amsgrad" => new Adam(0.02f, beta1: 0.85f, beta2: 0.9f, epsilon: 1e-4f, amsgrad: true),
        "adamw" => new AdamW(0.02f, weightDecay: 0.3f, beta1: 0.8f, beta2: 0.95f, epsilon: 1e-3f),
        "adamw-amsgrad" => new AdamW(0.02f, weightDecay: 0.1f, beta1: 0.85f, beta2: 0.9f, epsilon: 1e-4f, amsgrad: true),
        "nadam" => new Nadam(0.02f, beta1: 0.85f, beta2: 0.95f, epsilon: 1e-3f),
        "adamax" => new Adamax(0.02f, beta1: 0.8f, beta2: 0.9f, epsilon: 1e-3f),
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };
}
