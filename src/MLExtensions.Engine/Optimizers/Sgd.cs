using System.Runtime.CompilerServices;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Gradient descent, optionally with (Nesterov) momentum, in Keras's form:
/// <c>v = momentum·v − lr·g</c>, then <c>w += v</c>, or with Nesterov <c>w += momentum·v − lr·g</c>.
/// Keras folds the learning rate into the velocity, so changing it mid-run scales only new gradients.
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="Optimizer.KnownNames"/>: <c>"sgd"</c>.</summary>
    public const string ConfigName = "sgd";

    /// <summary>Stochastic gradient descent with Keras' defaults.</summary>
    /// <param name="learningRate">The initial step size, finite and ≥ 0; default 0.01 (Keras').</param>
    /// <param name="momentum">The velocity's decay, in [0, 1]; default 0 (plain SGD, which keeps no state).</param>
    /// <param name="nesterov">Whether to use Nesterov momentum; default false.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range (named by the exception), NaN or infinite.</exception>
    public Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false)
        : base(learningRate)
    {
        Momentum = InUnitInterval(momentum, nameof(momentum), includeOne: true);
        Nesterov = nesterov;
        // As in Keras, no velocity exists without momentum: plain SGD keeps no state.
        if (momentum != 0f)
            AddState("momentum");
    }

    /// <summary>The velocity's decay, in [0, 1]; 0 (the default) for plain SGD. Config key <c>momentum</c>.</summary>
    public float Momentum { get; }

    /// <summary>Whether the step is <c>momentum·v − lr·g</c> (Nesterov) rather than <c>v</c>; default false. Config key <c>nesterov</c>.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() =>
        new(ConfigName, [Entry("learning_rate", LearningRate), Entry("momentum", Momentum), Entry("nesterov", Nesterov)]);

    internal static Sgd Create(ComponentConfig config)
    {
        CheckParameters(config, ConfigName, "learning_rate", "momentum", "nesterov");
        return new Sgd(
            ReadFloat(config, "learning_rate", 0.01f),
            ReadFloat(config, "momentum", 0f),
            ReadBool(config, "nesterov", false));
    }

    /// <inheritdoc/>
    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, long step)
    {
        if (Momentum == 0f)
            ParameterUpdate.Run(parameters, gradients, state, new Plain(LearningRate));
        else
            ParameterUpdate.Run(parameters, gradients, state, new WithMomentum(LearningRate, Momentum, Nesterov));
    }

    private readonly struct Plain(float learningRate) : IParameterUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TL, TV>(ref float w, ref float g, ref float unused0, ref float unused1, ref float unused2, nuint i)
            where TL : ILanes<TV> where TV : struct =>
            TL.Store(TL.MultiplyAdd(TL.Load(ref g, i), TL.Broadcast(-learningRate), TL.Load(ref w, i)), ref w, i);
    }

    private readonly struct WithMomentum(float learningRate, float momentum, bool nesterov) : IParameterUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TL, TV>(ref float w, ref float g, ref float v, ref float unused1, ref float unused2, nuint i)
            where TL : ILanes<TV> where TV : struct
        {
            TV mu = TL.Broadcast(momentum);
            TV scaledGradient = TL.Multiply(TL.Load(ref g, i), TL.Broadcast(-learningRate));
            TV velocity = Moments.Flush<TL, TV>(TL.MultiplyAdd(TL.Load(ref v, i), mu, scaledGradient));
            TL.Store(velocity, ref v, i);
            TV delta = nesterov ? TL.MultiplyAdd(velocity, mu, scaledGradient) : velocity;
            TL.Store(TL.Add(TL.Load(ref w, i), delta), ref w, i);
        }
    }
}
