using System.Runtime.CompilerServices;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Adam with Nesterov momentum (Dozat 2016) as Keras 3 computes it, including the momentum-cache
/// schedule <c>uₜ = β₁(1 − ½·0.96ᵗ)</c> and its running product <c>Πₜ = u₁⋯uₜ</c>:
/// <c>m̂ = uₜ₊₁·m/(1 − Πₜ·uₜ₊₁) + (1 − uₜ)·g/(1 − Πₜ)</c>, <c>v̂ = v/(1 − β₂ᵗ)</c>,
/// <c>w −= lr·m̂/(√v̂ + ε)</c>.
/// </summary>
/// <remarks>
/// Keras 3 raises 0.96 to the step itself; Keras 2 and Dozat's paper used 0.96^(0.004·t), which keeps
/// uₜ near β₁/2 for thousands of steps. This follows Keras 3.
/// </remarks>
public sealed class Nadam : AdaptiveMomentOptimizer
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="Optimizer.KnownNames"/>: <c>"nadam"</c>.</summary>
    public const string ConfigName = "nadam";
    private const double ScheduleBase = 0.96;


    // Πₜ is a pure function of the step, so it is not saved state: it is recomputed (with the same
    // sequence of multiplications, hence bit-identically) whenever the step does not follow the cached one.
    private double _uProduct = 1.0;
    private long _uProductStep;

    /// <summary>Nadam with Keras' defaults.</summary>
    /// <param name="learningRate">The initial step size, finite and ≥ 0; default 0.001 (Keras').</param>
    /// <param name="beta1">β₁, the first moment's decay, in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂, the second moment's decay, in [0, 1); default 0.999.</param>
    /// <param name="epsilon">ε, finite and ≥ 0; default 1e-7.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range (named by the exception), NaN or infinite.</exception>
    public Nadam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate, beta1, beta2, epsilon)
    {
        AddState("momentum");
        AddState("velocity");
    }

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => MomentConfig(ConfigName);

    internal static Nadam Create(ComponentConfig config)
    {
        CheckParameters(config, ConfigName, "learning_rate", "beta_1", "beta_2", "epsilon");
        return new Nadam(
            ReadFloat(config, "learning_rate", 0.001f),
            ReadFloat(config, "beta_1", 0.9f),
            ReadFloat(config, "beta_2", 0.999f),
            ReadFloat(config, "epsilon", 1e-7f));
    }

    /// <inheritdoc/>
    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, long step)
    {
        double t = step;
        double uT = MomentumCache(t);
        double uNext = MomentumCache(t + 1);
        double uProduct = _stepProduct;
        ParameterUpdate.Run(parameters, gradients, state, new ElementUpdate(
            MomentumCoefficient: (float)(uNext / (1 - uProduct * uNext)),
            GradientCoefficient: (float)((1 - uT) / (1 - uProduct)),
            InverseBiasCorrection2: (float)(1 / (1 - Math.Pow(Beta2, t))),
            LearningRate: LearningRate,
            OneMinusBeta1: 1f - Beta1,
            OneMinusBeta2: 1f - Beta2,
            Epsilon: Epsilon));
    }

    private double MomentumCache(double t) => Beta1 * (1 - 0.5 * Math.Pow(ScheduleBase, t));

    // Πₜ of the current step, computed once in BeginStep because Apply may run on several threads.
    private double _stepProduct;

    /// <inheritdoc/>
    protected override void BeginStep(long step) => _stepProduct = MomentumProduct(step);

    private double MomentumProduct(long step)
    {
        if (_uProductStep != step - 1)
        {
            _uProduct = 1.0;
            _uProductStep = 0;
        }
        while (_uProductStep < step)
        {
            _uProductStep++;
            _uProduct *= MomentumCache(_uProductStep);
        }
        return _uProduct;
    }

    /// <summary>Slots: momentum, velocity.</summary>
    private readonly record struct ElementUpdate(
        float MomentumCoefficient, float GradientCoefficient, float InverseBiasCorrection2,
        float LearningRate, float OneMinusBeta1, float OneMinusBeta2, float Epsilon) : IParameterUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TL, TV>(ref float w, ref float g, ref float m, ref float v, ref float unused2, nuint i)
            where TL : ILanes<TV> where TV : struct
        {
            TV gradient = TL.Load(ref g, i);
            var (mean, second) = Moments.UpdateMeanAndSquare<TL, TV>(gradient, ref m, ref v, i, OneMinusBeta1, OneMinusBeta2);

            TV meanHat = TL.MultiplyAdd(TL.Broadcast(MomentumCoefficient), mean, TL.Multiply(TL.Broadcast(GradientCoefficient), gradient));
            TV denominator = TL.Add(TL.Sqrt(TL.Multiply(second, TL.Broadcast(InverseBiasCorrection2))), TL.Broadcast(Epsilon));
            TL.Store(TL.Subtract(TL.Load(ref w, i), TL.Divide(TL.Multiply(meanHat, TL.Broadcast(LearningRate)), denominator)), ref w, i);
        }
    }
}
