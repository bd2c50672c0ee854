using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Adagrad as Keras computes it: <c>a += g²</c>, <c>w −= lr·g / √(a + ε)</c> (ε inside the root), with
/// the accumulator starting at <see cref="InitialAccumulatorValue"/> rather than zero so the first steps
/// are not huge.
/// </summary>
public sealed class Adagrad : Optimizer
{
    public const string ConfigName = "adagrad";

    private readonly int _accumulatorSlot;

    public Adagrad(float learningRate = 0.001f, float initialAccumulatorValue = 0.1f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        InitialAccumulatorValue = NonNegative(initialAccumulatorValue, nameof(initialAccumulatorValue));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
        _accumulatorSlot = AddState("accumulator", initialAccumulatorValue);
    }

    public float InitialAccumulatorValue { get; }

    public float Epsilon { get; }

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

    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, long step)
    {
        float lr = LearningRate, epsilon = Epsilon;
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float a = ref MemoryMarshal.GetReference(State(_accumulatorSlot));
        nuint n = (nuint)parameters.Length, i = 0;
        if (Vector512.IsHardwareAccelerated) i = Kernel<Lanes512, Vector512<float>>(i, n, ref w, ref g, ref a, lr, epsilon);
        if (Vector256.IsHardwareAccelerated) i = Kernel<Lanes256, Vector256<float>>(i, n, ref w, ref g, ref a, lr, epsilon);
        if (Vector128.IsHardwareAccelerated) i = Kernel<Lanes128, Vector128<float>>(i, n, ref w, ref g, ref a, lr, epsilon);
        Kernel<Lanes1, float>(i, n, ref w, ref g, ref a, lr, epsilon);
    }

    private static nuint Kernel<TL, TV>(nuint i, nuint n, ref float w, ref float g, ref float a, float lr, float epsilon)
        where TL : ILanes<TV> where TV : struct
    {
        TV vLr = TL.Broadcast(lr);
        TV vEpsilon = TL.Broadcast(epsilon);
        TV smallestSquarable = TL.Broadcast(Lanes.SmallestSquarable);
        for (nuint width = (nuint)TL.Count; i + width <= n; i += width)
        {
            TV gradient = TL.Load(ref g, i);
            TV squarable = TL.ZeroBelow(gradient, smallestSquarable);
            TV accumulator = TL.MultiplyAdd(squarable, squarable, TL.Load(ref a, i));
            TL.Store(accumulator, ref a, i);
            TV delta = TL.Divide(TL.Multiply(vLr, gradient), TL.Sqrt(TL.Add(accumulator, vEpsilon)));
            TL.Store(TL.Subtract(TL.Load(ref w, i), delta), ref w, i);
        }
        return i;
    }
}
