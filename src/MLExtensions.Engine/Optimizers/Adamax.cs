using System.Runtime.CompilerServices;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Adamax (Adam under the infinity norm) as Keras computes it: <c>m += (g − m)(1−β₁)</c>,
/// <c>u = max(β₂·u, |g|)</c>, <c>w −= lr·m / ((1−β₁ᵗ)(u + ε))</c>. The max needs no bias correction,
/// so only the first moment is corrected.
/// </summary>
public sealed class Adamax : AdaptiveMomentOptimizer
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="Optimizer.KnownNames"/>: <c>"adamax"</c>.</summary>
    public const string ConfigName = "adamax";


    /// <summary>Adamax with Keras' defaults.</summary>
    /// <param name="learningRate">The initial step size, finite and ≥ 0; default 0.001 (Keras').</param>
    /// <param name="beta1">β₁, the first moment's decay, in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂, the decay of the infinity norm u, in [0, 1); default 0.999.</param>
    /// <param name="epsilon">ε, finite and ≥ 0; default 1e-7.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range (named by the exception), NaN or infinite.</exception>
    public Adamax(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate, beta1, beta2, epsilon)
    {
        AddState("momentum");
        AddState("norm");
    }

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() => MomentConfig(ConfigName);

    internal static Adamax Create(ComponentConfig config)
    {
        CheckParameters(config, ConfigName, "learning_rate", "beta_1", "beta_2", "epsilon");
        return new Adamax(
            ReadFloat(config, "learning_rate", 0.001f),
            ReadFloat(config, "beta_1", 0.9f),
            ReadFloat(config, "beta_2", 0.999f),
            ReadFloat(config, "epsilon", 1e-7f));
    }

    /// <inheritdoc/>
    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, long step) =>
        ParameterUpdate.Run(parameters, gradients, state, new ElementUpdate(
            StepSize: (float)(LearningRate / (1 - Math.Pow(Beta1, step))),
            OneMinusBeta1: 1f - Beta1,
            Beta2: Beta2,
            Epsilon: Epsilon));

    /// <summary>Slots: momentum, norm.</summary>
    private readonly record struct ElementUpdate(float StepSize, float OneMinusBeta1, float Beta2, float Epsilon) : IParameterUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TL, TV>(ref float w, ref float g, ref float m, ref float u, ref float unused2, nuint i)
            where TL : ILanes<TV> where TV : struct
        {
            TV gradient = TL.Load(ref g, i);
            TV mean = Moments.Average<TL, TV>(TL.Load(ref m, i), gradient, OneMinusBeta1);
            TL.Store(mean, ref m, i);
            TV norm = Moments.Flush<TL, TV>(TL.Max(TL.Multiply(TL.Broadcast(Beta2), TL.Load(ref u, i)), TL.Abs(gradient)));
            TL.Store(norm, ref u, i);
            TV delta = TL.Divide(TL.Multiply(TL.Broadcast(StepSize), mean), TL.Add(norm, TL.Broadcast(Epsilon)));
            TL.Store(TL.Subtract(TL.Load(ref w, i), delta), ref w, i);
        }
    }
}
