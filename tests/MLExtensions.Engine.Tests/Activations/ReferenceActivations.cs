namespace MLExtensions.Engine.Tests.Activations;

/// <summary>
/// The activations written directly from their definitions in double precision, independently of the engine
/// (no shared code, no vector tricks), to test values and, through finite differences, derivatives.
/// </summary>
internal static class ReferenceActivations
{
    private const double SeluAlpha = 1.67326324, SeluScale = 1.05070098;

    public static double Evaluate(string name, double x) => name switch
    {
        "identity" => x,
        "sigmoid" => Sigmoid(x),
        "tanh" => Math.Tanh(x),
        "relu" => Math.Max(x, 0),
        "leaky_relu" => x > 0 ? x : 0.2 * x,
        "elu" => x > 0 ? x : ExpM1(x),
        "selu" => SeluScale * (x > 0 ? x : SeluAlpha * ExpM1(x)),
        "softplus" => Softplus(x),
        "softsign" => x / (1 + Math.Abs(x)),
        "gelu" => x * NormalCdf(x),
        // ½x(1 + tanh u) written as x·σ(2u): in double, 1 + tanh u itself rounds to 0 by x ≈ −8.
        "gelu_tanh" => x * Sigmoid(2 * Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)),
        "silu" => x * Sigmoid(x),
        "mish" => x * Math.Tanh(Softplus(x)),
        "hard_sigmoid" => Math.Min(Math.Max(x + 3, 0), 6) / 6,
        "hard_tanh" => Math.Clamp(x, -1, 1),
        _ => throw new ArgumentException(name),
    };

    /// <summary>
    /// Points where the function or its derivative has a kink, which central differences must stay away from
    /// (near a kink of f' they are only first-order accurate).
    /// </summary>
    public static double[] Kinks(string name) => name switch
    {
        "relu" or "leaky_relu" or "elu" or "selu" or "softsign" => [0],
        "hard_sigmoid" => [-3, 3],
        "hard_tanh" => [-1, 1],
        _ => [],
    };

    /// <summary>f'(x) by central differences, for tolerances that depend on the conditioning at x.</summary>
    public static double Slope(string name, double x)
    {
        double h = 1e-4 * Math.Max(1, Math.Abs(x));
        return (Evaluate(name, x + h) - Evaluate(name, x - h)) / (2 * h);
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static double Softplus(double x) => Math.Max(x, 0) + Log1P(Math.Exp(-Math.Abs(x)));

    private static double Log1P(double u) => Math.Abs(u) < 1e-4 ? u - u * u / 2 + u * u * u / 3 : Math.Log(1 + u);

    private static double ExpM1(double x) => Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1;

    /// <summary>Φ(x) = erfc(−x/√2)/2.</summary>
    public static double NormalCdf(double x)
    {
        double z = -x / Math.Sqrt(2);
        return z >= 0 ? 0.5 * Erfc(z) : 1 - 0.5 * Erfc(-z);
    }

    /// <summary>erfc for z ≥ 0: from the Taylor series of erf below 3, from its continued fraction above.</summary>
    private static double Erfc(double z)
    {
        if (z < 3)
        {
            // erf z = 2/√π Σ (−1)ⁿ z²ⁿ⁺¹ / (n!(2n + 1)); the terms peak near 200 at z = 3, costing 3 of 16 digits.
            double term = z, sum = z;
            for (int n = 1; n < 200 && Math.Abs(term) > 1e-300; n++)
            {
                term *= -z * z / n;
                sum += term / (2 * n + 1);
            }
            return 1 - 2 / Math.Sqrt(Math.PI) * sum;
        }
        // erfc z = e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))), evaluated from the tail.
        double f = z;
        for (int k = 300; k >= 1; k--)
            f = z + k / 2.0 / f;
        return Math.Exp(-z * z) / (Math.Sqrt(Math.PI) * f);
    }
}
