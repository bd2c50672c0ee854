using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Regularization;

/// <summary>
/// L1/L2 weight penalty (elastic net when both are set), in the Keras convention: the penalty is
/// <c>λ1·Σ|w| + λ2·Σw²</c> (no ½ on the L2 term), so its gradient is <c>λ1·sign(w) + 2·λ2·w</c>, with sign(0) = 0.
/// </summary>
/// <remarks>
/// Sums are accumulated in double. A NaN or ∞ weight makes the returned penalty NaN or ∞, which is how a
/// caller notices it. Immutable and allocation-free.
/// </remarks>
public sealed class WeightPenalty
{
    public const string L1ConfigName = "l1";
    public const string L2ConfigName = "l2";
    public const string ElasticNetConfigName = "l1_l2";

    public WeightPenalty(float l1, float l2)
    {
        L1Factor = NonNegativeFinite(l1, nameof(l1));
        L2Factor = NonNegativeFinite(l2, nameof(l2));
    }

    /// <summary>λ1.</summary>
    public float L1Factor { get; }

    /// <summary>λ2.</summary>
    public float L2Factor { get; }

    /// <summary>Lasso: drives small weights to exactly zero. Keras's default factor.</summary>
    public static WeightPenalty L1(float l1 = 0.01f) => new(l1, 0f);

    /// <summary>Ridge / weight decay: shrinks every weight in proportion to its size. Keras's default factor.</summary>
    public static WeightPenalty L2(float l2 = 0.01f) => new(0f, l2);

    /// <summary>Both penalties at once.</summary>
    public static WeightPenalty ElasticNet(float l1 = 0.01f, float l2 = 0.01f) => new(l1, l2);

    /// <summary>
    /// Adds the penalty's gradient to <paramref name="gradients"/> (same length as <paramref name="weights"/>)
    /// and returns the penalty, to be added to the loss.
    /// </summary>
    public double AddToGradient(ReadOnlySpan<float> weights, Span<float> gradients)
    {
        if (weights.Length != gradients.Length)
            throw new ArgumentException(
                $"The gradient span has {gradients.Length} elements but the weight span has {weights.Length}.", nameof(gradients));
        Accumulate(weights, gradients, updateGradient: true, out double sumAbs, out double sumSquares);
        return Combine(sumAbs, sumSquares);
    }

    /// <summary>The penalty alone, e.g. to report a regularized loss without training.</summary>
    public double Value(ReadOnlySpan<float> weights)
    {
        Accumulate(weights, Span<float>.Empty, updateGradient: false, out double sumAbs, out double sumSquares);
        return Combine(sumAbs, sumSquares);
    }

    /// <summary>
    /// Named "l1" or "l2" when only one factor is set (as Keras names them), otherwise "l1_l2";
    /// <see cref="FromConfig"/> accepts all three.
    /// </summary>
    public ComponentConfig GetConfig()
    {
        if (L2Factor == 0f && L1Factor != 0f)
            return new(L1ConfigName, [ConfigParameters.Entry("l1", L1Factor)]);
        if (L1Factor == 0f && L2Factor != 0f)
            return new(L2ConfigName, [ConfigParameters.Entry("l2", L2Factor)]);
        return new(ElasticNetConfigName, [ConfigParameters.Entry("l1", L1Factor), ConfigParameters.Entry("l2", L2Factor)]);
    }

    /// <summary>
    /// Builds the penalty a <see cref="GetConfig"/> described. Missing factors default as in Keras:
    /// 0.01 for "l1" and "l2", 0 for "l1_l2".
    /// </summary>
    public static WeightPenalty FromConfig(ComponentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        switch (config.Name.ToLowerInvariant())
        {
            case L1ConfigName:
                ConfigParameters.Check(config, "weight penalty", L1ConfigName, "l1");
                return L1(ConfigParameters.ReadFloat(config, "l1", 0.01f));
            case L2ConfigName:
                ConfigParameters.Check(config, "weight penalty", L2ConfigName, "l2");
                return L2(ConfigParameters.ReadFloat(config, "l2", 0.01f));
            case ElasticNetConfigName:
                ConfigParameters.Check(config, "weight penalty", ElasticNetConfigName, "l1", "l2");
                return new WeightPenalty(ConfigParameters.ReadFloat(config, "l1", 0f), ConfigParameters.ReadFloat(config, "l2", 0f));
            default:
                throw new ArgumentException(
                    $"Unknown weight penalty '{config.Name}'. Known penalties: {L1ConfigName}, {L2ConfigName}, {ElasticNetConfigName}.", nameof(config));
        }
    }

    public override string ToString() => GetConfig().ToString();

    private double Combine(double sumAbs, double sumSquares)
    {
        // Skipping a zero factor keeps an ∞ weight from producing 0·∞ = NaN in the unused term.
        double penalty = 0.0;
        if (L1Factor != 0f)
            penalty += L1Factor * sumAbs;
        if (L2Factor != 0f)
            penalty += L2Factor * sumSquares;
        return penalty;
    }

    /// <summary>
    /// One pass computing Σ|w| and Σw² in double and, when asked, <c>g += λ1·sign(w) + 2λ2·w</c> in float.
    /// The vector bodies and the scalar tail use the same unfused arithmetic, so an element's gradient does
    /// not depend on where it falls in the buffer.
    /// </summary>
    private void Accumulate(ReadOnlySpan<float> weights, Span<float> gradients, bool updateGradient, out double sumAbs, out double sumSquares)
    {
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        nuint n = (nuint)weights.Length, i = 0;
        float l1 = L1Factor, twoL2 = 2f * L2Factor;
        sumAbs = 0.0;
        sumSquares = 0.0;

        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            var vl1 = Vector512.Create(l1);
            var vTwoL2 = Vector512.Create(twoL2);
            var one = Vector512<float>.One;
            Vector512<double> abs = Vector512<double>.Zero, squares = Vector512<double>.Zero;
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                var x = Vector512.LoadUnsafe(ref w, i);
                var (lo, hi) = Vector512.Widen(Vector512.Abs(x));
                abs += lo + hi;
                squares += lo * lo + hi * hi;
                if (updateGradient)
                {
                    var sign = (Vector512.GreaterThan(x, Vector512<float>.Zero) & one) - (Vector512.LessThan(x, Vector512<float>.Zero) & one);
                    (Vector512.LoadUnsafe(ref g, i) + (vl1 * sign + vTwoL2 * x)).StoreUnsafe(ref g, i);
                }
            }
            sumAbs += Vector512.Sum(abs);
            sumSquares += Vector512.Sum(squares);
        }

        if (Vector.IsHardwareAccelerated && n - i >= (nuint)Vector<float>.Count)
        {
            var vl1 = new Vector<float>(l1);
            var vTwoL2 = new Vector<float>(twoL2);
            var one = Vector<float>.One;
            Vector<double> abs = Vector<double>.Zero, squares = Vector<double>.Zero;
            for (; i + (nuint)Vector<float>.Count <= n; i += (nuint)Vector<float>.Count)
            {
                var x = Vector.LoadUnsafe(ref w, i);
                Vector.Widen(Vector.Abs(x), out Vector<double> lo, out Vector<double> hi);
                abs += lo + hi;
                squares += lo * lo + hi * hi;
                if (updateGradient)
                {
                    var sign = (Vector.AsVectorSingle(Vector.GreaterThan(x, Vector<float>.Zero)) & one)
                        - (Vector.AsVectorSingle(Vector.LessThan(x, Vector<float>.Zero)) & one);
                    (Vector.LoadUnsafe(ref g, i) + (vl1 * sign + vTwoL2 * x)).StoreUnsafe(ref g, i);
                }
            }
            sumAbs += Vector.Sum(abs);
            sumSquares += Vector.Sum(squares);
        }

        for (; i < n; i++)
        {
            float x = Unsafe.Add(ref w, i);
            double magnitude = Math.Abs((double)x);
            sumAbs += magnitude;
            sumSquares += magnitude * magnitude;
            if (updateGradient)
            {
                float sign = x > 0f ? 1f : x < 0f ? -1f : 0f;
                Unsafe.Add(ref g, i) += l1 * sign + twoL2 * x;
            }
        }
    }

    private static float NonNegativeFinite(float value, string name)
    {
        if (!(value >= 0f) || !float.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, "Must be non-negative and finite.");
        return value;
    }
}
