using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter), applied as Keras does: <c>w −= w·wd·lr</c>
/// before the Adam step, so the decay follows the learning-rate schedule and never enters the moments.
/// </summary>
public sealed class AdamW : Adam
{
    public new const string ConfigName = "adamw";

    public AdamW(
        float learningRate = 0.001f,
        float weightDecay = 0.004f,
        float beta1 = 0.9f,
        float beta2 = 0.999f,
        float epsilon = 1e-7f,
        bool amsgrad = false)
        : base(learningRate, weightDecay, beta1, beta2, epsilon, amsgrad)
    {
    }

    public float WeightDecay => WeightDecayFactor;

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() =>
        MomentConfig(ConfigName, Entry("weight_decay", WeightDecay), Entry("amsgrad", Amsgrad));

    internal static new AdamW Create(ComponentConfig config)
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
}
