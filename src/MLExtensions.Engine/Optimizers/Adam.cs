using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Adam in Keras's form: <c>m += (g − m)(1−β₁)</c>, <c>v += (g² − v)(1−β₂)</c>, and
/// <c>w −= α·m / (√v + ε)</c> with <c>α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)</c>. The bias correction is folded into
/// α, which puts ε outside the corrected root (Kingma and Ba's "epsilon hat"), not inside it.
/// AMSGrad divides by the running maximum of v instead of v.
/// </summary>
public sealed class Adam : AdaptiveMomentOptimizer
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
        : base(learningRate, beta1, beta2, epsilon)
    {
        Amsgrad = amsgrad;
        foreach (string slot in AdamStep.SlotNames(amsgrad))
            AddState(slot);
    }

    /// <summary>Whether the step divides by the running maximum of v (an extra <c>velocity_hat</c> state); default false. Config key <c>amsgrad</c>.</summary>
    public bool Amsgrad { get; }

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
    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, long step) =>
        AdamStep.Run(parameters, gradients, state, step, LearningRate, Beta1, Beta2, Epsilon, weightDecay: 0f, Amsgrad);
}
