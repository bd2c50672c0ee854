using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// The Adam family (<see cref="Adam"/>, <see cref="AdamW"/>, <see cref="Nadam"/>, <see cref="Adamax"/>): per parameter,
/// a first moment (the "momentum" state) and a second one, running averages with decay rates β₁ and β₂, and ε
/// keeping the division by the second moment finite.
/// </summary>
public abstract class AdaptiveMomentOptimizer : Optimizer
{
    private protected AdaptiveMomentOptimizer(float learningRate, float beta1, float beta2, float epsilon)
        : base(learningRate)
    {
        Beta1 = InUnitInterval(beta1, nameof(beta1));
        Beta2 = InUnitInterval(beta2, nameof(beta2));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>Decay rate of the first moment, in [0, 1); Keras's default is 0.9.</summary>
    public float Beta1 { get; }

    /// <summary>Decay rate of the second moment, in [0, 1); Keras's default is 0.999.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the denominator, non-negative; Keras's default is 1e-7.</summary>
    public float Epsilon { get; }

    /// <summary>A config holding the learning rate, β₁, β₂, ε and the optimizer's own <paramref name="extra"/> entries.</summary>
    private protected ComponentConfig MomentConfig(string name, params KeyValuePair<string, double>[] extra) =>
        new(name,
        [
            Entry("learning_rate", LearningRate),
            Entry("beta_1", Beta1),
            Entry("beta_2", Beta2),
            Entry("epsilon", Epsilon),
            .. extra,
        ]);
}
