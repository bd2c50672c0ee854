using System.Runtime.CompilerServices;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Regularization;

/// <summary>
/// L1/L2 weight penalty (elastic net when both are set), in the Keras convention: the penalty is
/// <c>λ1·Σ|w| + λ2·Σw²</c> (no ½ on the L2 term), so its gradient is <c>λ1·sign(w) + 2·λ2·w</c>, with sign(0) = 0.
/// </summary>
/// <remarks>
/// Sums are accumulated in double (the engine's <c>DoubleSums</c>). A NaN or ∞ weight makes the returned penalty NaN or ∞, which is how a
/// caller notices it. Immutable and allocation-free.
/// </remarks>
public sealed class WeightPenalty
{
    /// <summary>The config name of a penalty with only λ1 set: <c>"l1"</c>, as Keras names it.</summary>
    public const string L1ConfigName = "l1";

    /// <summary>The config name of a penalty with only λ2 set: <c>"l2"</c>, as Keras names it.</summary>
    public const string L2ConfigName = "l2";

    /// <summary>The config name of any other penalty (both factors set, or neither): <c>"l1_l2"</c>.</summary>
    public const string ElasticNetConfigName = "l1_l2";

    /// <summary>A penalty with these factors; 0 switches a term off.</summary>
    /// <param name="l1">λ1, the factor on Σ|w|; finite and ≥ 0.</param>
    /// <param name="l2">λ2, the factor on Σw²; finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A factor is negative, NaN or infinite.</exception>
    public WeightPenalty(float l1, float l2)
    {
        L1Factor = NonNegativeFinite(l1, nameof(l1));
        L2Factor = NonNegativeFinite(l2, nameof(l2));
    }

    /// <summary>λ1, the factor on Σ|w|, ≥ 0. Config key <c>l1</c>.</summary>
    public float L1Factor { get; }

    /// <summary>λ2, the factor on Σw² (no ½), ≥ 0. Config key <c>l2</c>.</summary>
    public float L2Factor { get; }

    /// <summary>Lasso: drives small weights to exactly zero. The default λ1 is Keras's, 0.01.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="l1"/> is negative, NaN or infinite.</exception>
    public static WeightPenalty L1(float l1 = 0.01f) => new(l1, 0f);

    /// <summary>Ridge / weight decay: shrinks every weight in proportion to its size. The default λ2 is Keras's, 0.01.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="l2"/> is negative, NaN or infinite.</exception>
    public static WeightPenalty L2(float l2 = 0.01f) => new(0f, l2);

    /// <summary>Both penalties at once; 0.01 each by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A factor is negative, NaN or infinite.</exception>
    public static WeightPenalty ElasticNet(float l1 = 0.01f, float l2 = 0.01f) => new(l1, l2);

    /// <summary>
    /// Adds the penalty's gradient to <paramref name="gradients"/> (same length as <paramref name="weights"/>); the
    /// penalty itself, which the loss gains, is <see cref="Value"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    public void AddGradient(ReadOnlySpan<float> weights, Span<float> gradients)
    {
        if (weights.Length != gradients.Length)
            throw new ArgumentException(
                $"The gradient span has {gradients.Length} elements but the weight span has {weights.Length}.", nameof(gradients));
        ElementWise.Map(weights, gradients, gradients, new GradientTerm(L1Factor, 2f * L2Factor));
    }

    /// <summary>The penalty at <paramref name="weights"/>: what the loss gains; reads the weights only.</summary>
    public double Value(ReadOnlySpan<float> weights)
    {
        // Skipping a zero factor skips its pass and keeps an ∞ weight from producing 0·∞ = NaN in the unused term.
        double penalty = 0.0;
        if (L1Factor != 0f)
            penalty += L1Factor * DoubleSums.SumOfMagnitudes(weights);
        if (L2Factor != 0f)
            penalty += L2Factor * DoubleSums.SumOfSquares(weights);
        return penalty;
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
    /// Builds the penalty a <see cref="GetConfig"/> described (names compare case-insensitively). Missing factors
    /// default as in Keras: 0.01 for "l1" and "l2", 0 for "l1_l2".
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is unknown, or a key is one the penalty does not take.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A factor is negative, NaN or infinite.</exception>
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

    /// <summary>The <see cref="GetConfig"/> text, for example <c>l2(l2=0.01)</c>.</summary>
    public override string ToString() => GetConfig().ToString();

    /// <summary>g + (λ1·sign(w) + 2λ2·w), with sign(0) = sign(NaN) = 0.</summary>
    private readonly struct GradientTerm(float l1, float twoL2) : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV w, TV g) where TL : ILanes<TV> where TV : struct
        {
            var zero = TL.Broadcast(0f);
            var one = TL.Broadcast(1f);
            var sign = TL.Subtract(TL.ConditionalSelect(TL.GreaterThan(w, zero), one, zero), TL.ConditionalSelect(TL.LessThan(w, zero), one, zero));
            return TL.Add(g, TL.Add(TL.Multiply(TL.Broadcast(l1), sign), TL.Multiply(TL.Broadcast(twoL2), w)));
        }
    }

    private static float NonNegativeFinite(float value, string name)
    {
        if (!(value >= 0f) || !float.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, "Must be non-negative and finite.");
        return value;
    }
}
