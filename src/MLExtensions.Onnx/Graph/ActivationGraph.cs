using MLExtensions.Engine.Activations;
using MLExtensions.Onnx.Protobuf;

namespace MLExtensions.Onnx.Graph;

/// <summary>
/// Each engine activation as ONNX nodes computing the same formula the engine computes (see
/// src/MLExtensions.Engine/Activations), not merely the same mathematical function: where the engine takes
/// care to keep precision (expm1 and log1p near zero, GELU's left tail, tanh of small arguments), the graph
/// spells out the same evaluation, because ONNX's own operators (Elu, Gelu, Softplus, Mish, Tanh in many
/// runtimes) evaluate exp(x) − 1, 1 + erf(x/√2) or log(1 + eˣ) and lose the relative precision the engine
/// keeps. Only operators whose definition is the engine's formula are used as they are (Relu, LeakyRelu,
/// Clip, Softmax).
/// </summary>
internal static class ActivationGraph
{
    public static string Apply(OnnxOps ops, Activation activation, string x) => activation switch
    {
        Identity => x,
        Relu => ops.Relu(x),
        Sigmoid => Logistic(ops, x),
        Tanh => TanhNodes(ops, x),
        LeakyRelu leaky => ops.Graph.Node("LeakyRelu", new[] { x }, "leaky_relu", OnnxAttribute.Float("alpha", (float)leaky.NegativeSlope)),
        Elu elu => ExponentialLinear(ops, x, 1f, (float)elu.Alpha),
        Selu => ExponentialLinear(ops, x, Selu.Scale, Selu.Scale * Selu.Alpha),
        Softplus => SoftplusNodes(ops, x),
        Softsign => ops.Div(x, ops.Add(ops.Float(1f), ops.Abs(x)), "softsign"),
        Gelu => GeluNodes(ops, x),
        GeluTanh => GeluTanhNodes(ops, x),
        Silu => ops.Mul(x, Logistic(ops, x), "silu"),
        Mish => MishNodes(ops, x),
        HardSigmoid => ops.Div(ops.Min(ops.Max(ops.Add(x, ops.Float(3f)), ops.Float(0f)), ops.Float(6f)), ops.Float(6f), "hard_sigmoid"),
        HardTanh => ops.Graph.Node("Clip", new[] { x, ops.Float(-1f), ops.Float(1f) }, "hard_tanh"),
        _ => throw new NotSupportedException(
            $"The activation '{activation.Name}' ({activation.GetType().FullName}) has no ONNX form in MLExtensions.Onnx; " +
            $"the exporter knows {string.Join(", ", Activation.KnownNames)}."),
    };

    /// <summary>1/(1 + e⁻ˣ), TensorPrimitives.Sigmoid's formula: exact 0 and 1 in the tails without overflow trouble.</summary>
    public static string Logistic(OnnxOps ops, string x) =>
        ops.Div(ops.Float(1f), ops.Add(ops.Float(1f), ops.Exp(ops.Neg(x))), "sigmoid");

    /// <summary>expm1 as the engine evaluates it: a degree-8 Taylor polynomial for |x| &lt; 0.5, eˣ − 1 elsewhere.</summary>
    public static string ExpM1(OnnxOps ops, string x)
    {
        float[] coefficients = { 1f / 40320f, 1f / 5040f, 1f / 720f, 1f / 120f, 1f / 24f, 1f / 6f, 0.5f };
        string p = ops.Float(coefficients[0]);
        foreach (float c in coefficients.Skip(1))
            p = ops.Add(ops.Mul(p, x), ops.Float(c));
        p = ops.Mul(ops.Add(ops.Mul(p, x), ops.Float(1f)), x, "expm1_series");
        string small = ops.Less(ops.Abs(x), ops.Float(0.5f));
        return ops.Where(small, p, ops.Sub(ops.Exp(x), ops.Float(1f)), "expm1");
    }

    /// <summary>log1p(u) = log(w)·u/(w − 1) with w = 1 + u, which cancels the rounding of w (u itself where w − 1 = 0).</summary>
    public static string LogP1(OnnxOps ops, string u)
    {
        string w = ops.Add(u, ops.Float(1f));
        string wMinusOne = ops.Sub(w, ops.Float(1f));
        string exact = ops.Equal(wMinusOne, ops.Float(0f));
        return ops.Where(exact, u, ops.Div(ops.Mul(ops.Log(w), u), wMinusOne), "log1p");
    }

    /// <summary>tanh|x| = e/(e + 2) with e = expm1(2·min(|x|, 10)), carrying the sign of x.</summary>
    private static string TanhNodes(OnnxOps ops, string x)
    {
        string e = ExpM1(ops, ops.Mul(ops.Min(ops.Abs(x), ops.Float(10f)), ops.Float(2f)));
        string magnitude = ops.Div(e, ops.Add(e, ops.Float(2f)));
        return ops.Where(ops.Less(x, ops.Float(0f)), ops.Neg(magnitude), magnitude, "tanh");
    }

    /// <summary>scale·x for x &gt; 0, negativeScale·expm1(min(x, 0)) otherwise (ELU and SELU).</summary>
    private static string ExponentialLinear(OnnxOps ops, string x, float scale, float negativeScale)
    {
        string em1 = ExpM1(ops, ops.Min(x, ops.Float(0f)));
        string positive = scale == 1f ? x : ops.Mul(x, ops.Float(scale));
        return ops.Where(ops.Greater(x, ops.Float(0f)), positive, ops.Mul(em1, ops.Float(negativeScale)), "exponential_linear");
    }

    /// <summary>max(x, 0) + log1p(e^−|x|).</summary>
    private static string SoftplusNodes(OnnxOps ops, string x) =>
        ops.Add(ops.Relu(x, "positive_part"), LogP1(ops, ops.Exp(ops.Neg(ops.Abs(x)))), "softplus");

    /// <summary>
    /// x·Φ(x) with Φ from the Numerical Recipes erfc fit, in double precision, as the engine evaluates it (1 + erf
    /// would cancel in the left tail, and the exponent −z² loses float digits for moderate |x|).
    /// </summary>
    private static string GeluNodes(OnnxOps ops, string x)
    {
        string xd = ops.Cast(x, TensorProto.Types.DataType.Double, "gelu_x");
        string z = ops.Mul(ops.Abs(xd), ops.Double(0.70710678118654752440));
        string t = ops.Div(ops.Double(1.0), ops.Add(ops.Double(1.0), ops.Mul(ops.Double(0.5), z)));
        double[] coefficients = { 0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368 };
        string p = ops.Double(coefficients[0]);
        foreach (double c in coefficients.Skip(1))
            p = ops.Add(ops.Mul(p, t), ops.Double(c));
        string exponent = ops.Sub(ops.Sub(ops.Mul(p, t), ops.Double(1.26551223)), ops.Mul(z, z));
        string halfErfc = ops.Mul(ops.Mul(ops.Double(0.5), t), ops.Exp(exponent));
        string cdf = ops.Where(ops.GreaterOrEqual(xd, ops.Double(0.0)), ops.Sub(ops.Double(1.0), halfErfc), halfErfc, "normal_cdf");
        return ops.Cast(ops.Mul(xd, cdf), TensorProto.Types.DataType.Float, "gelu");
    }

    /// <summary>x·σ(2u), 2u = 2√(2/π)(x + 0.044715x³): the tanh approximation without its cancellation for negative x.</summary>
    private static string GeluTanhNodes(OnnxOps ops, string x)
    {
        string cubic = ops.Mul(ops.Mul(ops.Mul(ops.Float(0.044715f), x), x), x);
        string twiceU = ops.Mul(ops.Float(1.5957691216057308f), ops.Add(x, cubic));
        return ops.Mul(x, Logistic(ops, twiceU), "gelu_tanh");
    }

    /// <summary>x·n(n + 2)/(n(n + 2) + 2) with n = e^min(x, 20), and x itself above 20.</summary>
    private static string MishNodes(OnnxOps ops, string x)
    {
        string n = ops.Exp(ops.Min(x, ops.Float(20f)));
        string numerator = ops.Mul(n, ops.Add(n, ops.Float(2f)));
        string factor = ops.Div(numerator, ops.Add(numerator, ops.Float(2f)));
        return ops.Where(ops.Greater(x, ops.Float(20f)), x, ops.Mul(x, factor), "mish");
    }
}
