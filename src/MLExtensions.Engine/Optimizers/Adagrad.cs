using System.Runtime.CompilerServices;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Adagrad as Keras computes it: <c>a += g²</c>, <c>w −= lr·g / √(a + ε)</c> (ε inside the root), with
/// the accumulator starting at <see cref="InitialAccumulatorValue"/> rather than zero so the first steps
/// are not huge.
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="Optimizer.KnownNames"/>: <c>"adagrad"</c>.</summary>
    public const string ConfigName = "adagrad";


    /// <summary>Adagrad with Keras' defaults.</summary>
    /// <param name="learningRate">The initial step size, finite and ≥ 0; default 0.001 (Keras').</param>
    /// <param name="initialAccumulatorValue">Where a starts, finite and ≥ 0; default 0.1.</param>
    /// <param name="epsilon">ε, added inside the root, finite and ≥ 0; default 1e-7.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is outside its range (named by the exception), NaN or infinite.</exception>
    public Adagrad(float learningRate = 0.001f, float initialAccumulatorValue = 0.1f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        InitialAccumulatorValue = NonNegative(initialAccumulatorValue, nameof(initialAccumulatorValue));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
        AddState("accumulator", initialAccumulatorValue);
    }

    /// <summary>Where the accumulator a of every parameter starts; default 0.1. Config key <c>initial_accumulator_value</c>.</summary>
    public float InitialAccumulatorValue { get; }

    /// <summary>ε, added to a inside the square root; default 1e-7. Config key <c>epsilon</c>.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override ComponentConfig GetConfig() =>
        new(ConfigName,
        [
            Entry("learning_rate", LearningRate),
            Entry("initial_accumulator_value", InitialAccumulatorValue),
            Entry("epsilon", Epsilon),
        ]);

    internal static Adagrad Create(ComponentConfig config)
    {
        CheckParameters(config, ConfigName, "learning_rate", "initial_accumulator_value", "epsilon");
        return new Adagrad(
            ReadFloat(config, "learning_rate", 0.001f),
            ReadFloat(config, "initial_accumulator_value", 0.1f),
            ReadFloat(config, "epsilon", 1e-7f));
    }

    /// <inheritdoc/>
    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, long step) =>
        ParameterUpdate.Run(parameters, gradients, state, new ElementUpdate(LearningRate, Epsilon));

    private readonly struct ElementUpdate(float learningRate, float epsilon) : IParameterUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TL, TV>(ref float w, ref float g, ref float a, ref float unused1, ref float unused2, nuint i)
            where TL : ILanes<TV> where TV : struct
        {
            TV gradient = TL.Load(ref g, i);
            TV squarable = TL.ZeroBelow(gradient, TL.Broadcast(Lanes.SmallestSquarable));
            TV accumulator = TL.MultiplyAdd(squarable, squarable, TL.Load(ref a, i));
            TL.Store(accumulator, ref a, i);
            TV delta = TL.Divide(TL.Multiply(TL.Broadcast(learningRate), gradient), TL.Sqrt(TL.Add(accumulator, TL.Broadcast(epsilon))));
            TL.Store(TL.Subtract(TL.Load(ref w, i), delta), ref w, i);
        }
    }
}
