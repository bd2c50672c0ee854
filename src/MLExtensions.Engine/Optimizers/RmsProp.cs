using System.Runtime.CompilerServices;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// RMSprop as Keras computes it: <c>v = ρ·v + (1−ρ)·g²</c>; centered also tracks <c>ā = ρ·ā + (1−ρ)·g</c>
/// and divides by the variance estimate instead; <c>Δ = lr·g / √(v [− ā²] + ε)</c> (ε inside the root);
/// with momentum <c>m = momentum·m + Δ</c>, <c>w −= m</c>, else <c>w −= Δ</c>. No bias correction.
/// </summary>
public sealed class RmsProp : Optimizer
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="Optimizer.KnownNames"/>: <c>"rmsprop"</c>.</summary>
    public const string ConfigName = "rmsprop";

    /// <summary>RMSprop with Keras' defaults.</summary>
    /// <param name="learningRate">The initial step size, finite and ≥ 0; default 0.001 (Keras').</param>
    /// <param name="rho">ρ, the decay of the squared-gradient average, in [0, 1); default 0.9.</param>
    /// <param name="momentum">The momentum on the step, in [0, 1); default 0 (no momentum state).</param>
    /// <param name="epsilon">ε, added inside the root, finite and ≥ 0; default 1e-7.</param>
    /// <param name="centered">Whether to divide by the estimated variance rather than the raw second moment; default false.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range (named by the exception), NaN or infinite.</exception>
    public RmsProp(float learningRate = 0.001f, float rho = 0.9f, float momentum = 0f, float epsilon = 1e-7f, bool centered = false)
        : base(learningRate)
    {
        Rho = InUnitInterval(rho, nameof(rho));
        Momentum = InUnitInterval(momentum, nameof(momentum));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
        Centered = centered;
        // Buffers exist only for the features in use, as in Keras: no memory for unused momentum/centering.
        AddState("velocity");
        if (momentum > 0f)
            AddState("momentum");
        if (centered)
            AddState("average_gradient");
    }

    /// <summary>ρ, the decay of the squared-gradient average v, in [0, 1); default 0.9. Config key <c>rho</c>.</summary>
    public float Rho { get; }

    /// <summary>The momentum on the step, in [0, 1); 0 (the default) keeps no momentum state. Config key <c>momentum</c>.</summary>
    public float Momentum { get; }

    /// <summary>ε, added inside the square root; default 1e-7. Config key <c>epsilon</c>.</summary>
    public float Epsilon { get; }

    /// <summary>
    /// Whether the step divides by √(v − ā² + ε), the estimated variance, keeping an extra <c>average_gradient</c> state;
    /// default false. Config key <c>centered</c>.
    /// </summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() =>
        new(ConfigName,
        [
            Entry("learning_rate", LearningRate),
            Entry("rho", Rho),
            Entry("momentum", Momentum),
            Entry("epsilon", Epsilon),
            Entry("centered", Centered),
        ]);

    internal static RmsProp Create(ComponentConfig config)
    {
        CheckParameters(config, ConfigName, "learning_rate", "rho", "momentum", "epsilon", "centered");
        return new RmsProp(
            ReadFloat(config, "learning_rate", 0.001f),
            ReadFloat(config, "rho", 0.9f),
            ReadFloat(config, "momentum", 0f),
            ReadFloat(config, "epsilon", 1e-7f),
            ReadBool(config, "centered", false));
    }

    /// <inheritdoc/>
    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, long step) =>
        ParameterUpdate.Run(parameters, gradients, state, new ElementUpdate(
            LearningRate, Rho, Momentum, Epsilon,
            UseMomentum: Momentum > 0f,
            Centered: Centered));

    /// <summary>
    /// Slots: velocity, then momentum and average_gradient when in use, in that order: average_gradient is slot 2
    /// beside momentum and slot 1 without it.
    /// </summary>
    private readonly record struct ElementUpdate(
        float LearningRate, float Rho, float Momentum, float Epsilon, bool UseMomentum, bool Centered) : IParameterUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TL, TV>(ref float w, ref float g, ref float v, ref float s1, ref float s2, nuint i)
            where TL : ILanes<TV> where TV : struct
        {
            TV gradient = TL.Load(ref g, i);
            TV velocity = Moments.Decay<TL, TV>(TL.Load(ref v, i), Moments.Square<TL, TV>(gradient), Rho);
            TL.Store(velocity, ref v, i);
            TV denominator;
            if (Centered)
            {
                ref float a = ref UseMomentum ? ref s2 : ref s1;
                TV average = Moments.Decay<TL, TV>(TL.Load(ref a, i), gradient, Rho);
                TL.Store(average, ref a, i);
                denominator = TL.Add(TL.Subtract(velocity, TL.Multiply(average, average)), TL.Broadcast(Epsilon));
            }
            else
            {
                denominator = TL.Add(velocity, TL.Broadcast(Epsilon));
            }

            TV increment = TL.Divide(TL.Multiply(TL.Broadcast(LearningRate), gradient), TL.Sqrt(denominator));
            if (UseMomentum)
            {
                increment = Moments.Flush<TL, TV>(TL.MultiplyAdd(TL.Broadcast(Momentum), TL.Load(ref s1, i), increment));
                TL.Store(increment, ref s1, i);
            }
            TL.Store(TL.Subtract(TL.Load(ref w, i), increment), ref w, i);
        }
    }
}
