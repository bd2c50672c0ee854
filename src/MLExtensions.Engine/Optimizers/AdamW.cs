using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter), applied as Keras does: <c>w −= w·wd·lr</c>
/// before the Adam step, so the decay follows the learning-rate schedule and never enters the moments.
/// </summary>
public sealed class AdamW : AdaptiveMomentOptimizer
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="Optimizer.KnownNames"/>: <c>"adamw"</c>.</summary>
    public const string ConfigName = "adamw";

    /// <summary>AdamW with Keras' defaults.</summary>
    /// <param name="learningRate">The initial step size, finite and ≥ 0; default 0.001 (Keras').</param>
    /// <param name="weightDecay">wd, the decoupled decay per unit of learning rate, finite and ≥ 0; default 0.004.</param>
    /// <param name="beta1">β₁, the first moment's decay, in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂, the second moment's decay, in [0, 1); default 0.999.</param>
    /// <param name="epsilon">ε, finite and ≥ 0; default 1e-7.</param>
    /// <param name="amsgrad">Whether to divide by the running maximum of v (AMSGrad); default false.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range (named by the exception), NaN or infinite.</exception>
    public AdamW(
        float learningRate = 0.001f,
        float weightDecay = 0.004f,
        float beta1 = 0.9f,
        float beta2 = 0.999f,
        float epsilon = 1e-7f,
        bool amsgrad = false)
        : base(learningRate, beta1, beta2, epsilon)
    {
        WeightDecay = NonNegative(weightDecay, nameof(weightDecay));
        Amsgrad = amsgrad;
        foreach (string slot in AdamStep.SlotNames(amsgrad))
            AddState(slot);
    }

    /// <summary>wd in <c>w −= w·wd·lr</c>; default 0.004. Config key <c>weight_decay</c>.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether the step divides by the running maximum of v (an extra <c>velocity_hat</c> state); default false. Config key <c>amsgrad</c>.</summary>
    public bool Amsgrad { get; }

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() =>
        MomentConfig(ConfigName, Entry("weight_decay", WeightDecay), Entry("amsgrad", Amsgrad));

    internal static AdamW Create(ComponentConfig config)
    {
        CheckParameters(config, ConfigName, "learning_rate", "weight_decay", "beta_1", "beta_2", "epsilon", "amsgrad");
        return new AdamW(
            ReadFloat(config, "learning_rate", 0.001f),
            ReadFloat(config, "weight_decay", 0.004f),
            ReadFloat(config, "beta_1", 0.9f),
            ReadFloat(config, "beta_2", 0.999f),
            ReadFloat(config, "epsilon", 1e-7f),
            ReadBool(config, "amsgrad", false));
    }

    /// <inheritdoc/>
    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, long step) =>
        AdamStep.Run(parameters, gradients, state, step, LearningRate, Beta1, Beta2, Epsilon, WeightDecay, Amsgrad);
}
