using System.Runtime.CompilerServices;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Adam in Keras's form: <c>m += (g − m)(1−β₁)</c>, <c>v += (g² − v)(1−β₂)</c>, and
/// <c>w −= α·m / (√v + ε)</c> with <c>α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)</c>. The bias correction is folded into
/// α, which puts ε outside the corrected root (Kingma and Ba's "epsilon hat"), not inside it.
/// AMSGrad divides by the running maximum of v instead of v.
/// </summary>
public class Adam : AdaptiveMomentOptimizer
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="Optimizer.KnownNames"/>: <c>"adam"</c>.</summary>
    public const string ConfigName = "adam";

    /// <summary>Adam with Keras' defaults.</summary>
    /// <param name="learningRate">The initial step size, finite and ≥ 0; default 0.001 (Keras').</param>
    /// <param name="beta1">β₁, the first moment's decay, in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂, the second moment's decay, in [0, 1); default 0.999.</param>
    /// <param name="epsilon">ε, finite and ≥ 0; default 1e-7.</param>
    /// <param name="amsgrad">Whether to divide by the running maximum of v (AMSGrad); default false.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range (named by the exception), NaN or infinite.</exception>
    public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f, bool amsgrad = false)
        : this(learningRate, 0f, beta1, beta2, epsilon, amsgrad)
    {
    }

    private protected Adam(float learningRate, float weightDecay, float beta1, float beta2, float epsilon, bool amsgrad)
        : base(learningRate, beta1, beta2, epsilon)
    {
        WeightDecayFactor = NonNegative(weightDecay, nameof(weightDecay));
        Amsgrad = amsgrad;
        AddState("momentum");
        AddState("velocity");
        if (amsgrad)
            AddState("velocity_hat");
    }

    /// <summary>Whether the step divides by the running maximum of v (an extra <c>velocity_hat</c> state); default false. Config key <c>amsgrad</c>.</summary>
    public bool Amsgrad { get; }

    /// <summary>Decoupled decay, fused into the same pass; zero for plain Adam.</summary>
    private protected float WeightDecayFactor { get; }

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => MomentConfig(ConfigName, Entry("amsgrad", Amsgrad));

    internal static Adam Create(ComponentConfig config)
    {
        CheckParameters(config, ConfigName, "learning_rate", "beta_1", "beta_2", "epsilon", "amsgrad");
        return new Adam(
            ReadFloat(config, "learning_rate", 0.001f),
            ReadFloat(config, "beta_1", 0.9f),
            ReadFloat(config, "beta_2", 0.999f),
            ReadFloat(config, "epsilon", 1e-7f),
            ReadBool(config, "amsgrad", false));
    }

    /// <inheritdoc/>
    protected sealed override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, long step)
    {
        double lr = LearningRate;
        double t = step;
        double alpha = lr * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t));
        ParameterUpdate.Run(parameters, gradients, state, new ElementUpdate(
            Alpha: (float)alpha,
            OneMinusBeta1: 1f - Beta1,
            OneMinusBeta2: 1f - Beta2,
            Epsilon: Epsilon,
            // Keras applies decoupled decay as w −= w·wd·lr before the moment update; as a factor
            // (1 − wd·lr) it is one multiply in the same pass.
            DecayFactor: (float)(1.0 - (double)WeightDecayFactor * lr),
            Decay: WeightDecayFactor != 0f,
            Amsgrad: Amsgrad));
    }

    /// <summary>Slots: momentum, velocity and, with AMSGrad only, velocity_hat.</summary>
    private readonly record struct ElementUpdate(
        float Alpha, float OneMinusBeta1, float OneMinusBeta2, float Epsilon, float DecayFactor, bool Decay, bool Amsgrad) : IParameterUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TL, TV>(ref float w, ref float g, ref float m, ref float v, ref float vMax, nuint i)
            where TL : ILanes<TV> where TV : struct
        {
            TV gradient = TL.Load(ref g, i);
            var (mean, second) = Moments.UpdateMeanAndSquare<TL, TV>(gradient, ref m, ref v, i, OneMinusBeta1, OneMinusBeta2);
            if (Amsgrad)
            {
                second = TL.Max(TL.Load(ref vMax, i), second);
                TL.Store(second, ref vMax, i);
            }

            TV weight = TL.Load(ref w, i);
            if (Decay)
                weight = TL.Multiply(weight, TL.Broadcast(DecayFactor));
            TV delta = TL.Divide(TL.Multiply(mean, TL.Broadcast(Alpha)), TL.Add(TL.Sqrt(second), TL.Broadcast(Epsilon)));
            TL.Store(TL.Subtract(weight, delta), ref w, i);
        }
    }
}
