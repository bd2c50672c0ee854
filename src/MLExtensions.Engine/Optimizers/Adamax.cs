using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Adamax (Adam under the infinity norm) as Keras computes it: <c>m += (g − m)(1−β₁)</c>,
/// <c>u = max(β₂·u, |g|)</c>, <c>w −= lr·m / ((1−β₁ᵗ)(u + ε))</c>. The max needs no bias correction,
/// so only the first moment is corrected.
/// </summary>
public sealed class Adamax : Optimizer
{
    public const string ConfigName = "adamax";

    private readonly int _momentumSlot;
    private readonly int _normSlot;

    public Adamax(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-7f)
        : base(learningRate)
    {
        Beta1 = InUnitInterval(beta1, nameof(beta1));
        Beta2 = InUnitInterval(beta2, nameof(beta2));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
        _momentumSlot = AddState("momentum");
        _normSlot = AddState("norm");
    }

    public float Beta1 { get; }

    public float Beta2 { get; }

    public float Epsilon { get; }

    public override ComponentConfig GetConfig() =>
        new(ConfigName,
        [
            Entry("learning_rate", LearningRate),
            Entry("beta_1", Beta1),
            Entry("beta_2", Beta2),
            Entry("epsilon", Epsilon),
        ]);

    internal static Adamax Create(ComponentConfig config)
    {
        CheckParameters(config, ConfigName, "learning_rate", "beta_1", "beta_2", "epsilon");
        return new Adamax(
            ReadFloat(config, "learning_rate", 0.001f),
            ReadFloat(config, "beta_1", 0.9f),
            ReadFloat(config, "beta_2", 0.999f),
            ReadFloat(config, "epsilon", 1e-7f));
    }

    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, long step)
    {
        float stepSize = (float)(LearningRate / (1 - Math.Pow(Beta1, step)));
        float oneMinusBeta1 = 1f - Beta1, beta2 = Beta2, epsilon = Epsilon;
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float m = ref MemoryMarshal.GetReference(State(_momentumSlot));
        ref float u = ref MemoryMarshal.GetReference(State(_normSlot));
        nuint n = (nuint)parameters.Length, i = 0;
        if (Vector512.IsHardwareAccelerated) i = Kernel<Lanes512, Vector512<float>>(i, n, ref w, ref g, ref m, ref u, stepSize, oneMinusBeta1, beta2, epsilon);
        if (Vector256.IsHardwareAccelerated) i = Kernel<Lanes256, Vector256<float>>(i, n, ref w, ref g, ref m, ref u, stepSize, oneMinusBeta1, beta2, epsilon);
        if (Vector128.IsHardwareAccelerated) i = Kernel<Lanes128, Vector128<float>>(i, n, ref w, ref g, ref m, ref u, stepSize, oneMinusBeta1, beta2, epsilon);
        Kernel<Lanes1, float>(i, n, ref w, ref g, ref m, ref u, stepSize, oneMinusBeta1, beta2, epsilon);
    }

    private static nuint Kernel<TL, TV>(
        nuint i, nuint n, ref float w, ref float g, ref float m, ref float u, float stepSize, float oneMinusBeta1, float beta2, float epsilon)
        where TL : ILanes<TV> where TV : struct
    {
        TV vStepSize = TL.Broadcast(stepSize);
        TV vOneMinusBeta1 = TL.Broadcast(oneMinusBeta1);
        TV vBeta2 = TL.Broadcast(beta2);
        TV vEpsilon = TL.Broadcast(epsilon);
        TV smallestNormal = TL.Broadcast(Lanes.SmallestNormal);
        for (nuint width = (nuint)TL.Count; i + width <= n; i += width)
        {
            TV gradient = TL.Load(ref g, i);
            TV mean = TL.Load(ref m, i);
            mean = TL.ZeroBelow(TL.MultiplyAdd(TL.Subtract(gradient, mean), vOneMinusBeta1, mean), smallestNormal);
            TL.Store(mean, ref m, i);
            TV norm = TL.ZeroBelow(TL.Max(TL.Multiply(vBeta2, TL.Load(ref u, i)), TL.Abs(gradient)), smallestNormal);
            TL.Store(norm, ref u, i);
            TV delta = TL.Divide(TL.Multiply(vStepSize, mean), TL.Add(norm, vEpsilon));
            TL.Store(TL.Subtract(TL.Load(ref w, i), delta), ref w, i);
        }
        return i;
    }
}
