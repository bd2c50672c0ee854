using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// RMSprop as Keras computes it: <c>v = ρ·v + (1−ρ)·g²</c>; centered also tracks <c>ā = ρ·ā + (1−ρ)·g</c>
/// and divides by the variance estimate instead; <c>Δ = lr·g / √(v [− ā²] + ε)</c> (ε inside the root);
/// with momentum <c>m = momentum·m + Δ</c>, <c>w −= m</c>, else <c>w −= Δ</c>. No bias correction.
/// </summary>
public sealed class RmsProp : Optimizer
{
    public const string ConfigName = "rmsprop";

    private readonly int _velocitySlot;
    private readonly int _momentumSlot = -1;
    private readonly int _averageGradientSlot = -1;

    public RmsProp(float learningRate = 0.001f, float rho = 0.9f, float momentum = 0f, float epsilon = 1e-7f, bool centered = false)
        : base(learningRate)
    {
        Rho = InUnitInterval(rho, nameof(rho));
        Momentum = InUnitInterval(momentum, nameof(momentum));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
        Centered = centered;
        // Buffers exist only for the features in use, as in Keras: no memory for unused momentum/centering.
        _velocitySlot = AddState("velocity");
        if (momentum > 0f)
            _momentumSlot = AddState("momentum");
        if (centered)
            _averageGradientSlot = AddState("average_gradient");
    }

    public float Rho { get; }

    public float Momentum { get; }

    public float Epsilon { get; }

    public bool Centered { get; }

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

    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, long step)
    {
        var h = new Hyper(LearningRate, Rho, Momentum, Epsilon);
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float v = ref MemoryMarshal.GetReference(State(_velocitySlot));
        // Unused buffers alias the velocity; the kernel never touches them because the flags are off.
        ref float m = ref _momentumSlot >= 0 ? ref MemoryMarshal.GetReference(State(_momentumSlot)) : ref v;
        ref float a = ref _averageGradientSlot >= 0 ? ref MemoryMarshal.GetReference(State(_averageGradientSlot)) : ref v;
        bool useMomentum = _momentumSlot >= 0, centered = _averageGradientSlot >= 0;
        nuint n = (nuint)parameters.Length, i = 0;
        if (Vector512.IsHardwareAccelerated) i = Kernel<Lanes512, Vector512<float>>(i, n, ref w, ref g, ref v, ref m, ref a, h, useMomentum, centered);
        if (Vector256.IsHardwareAccelerated) i = Kernel<Lanes256, Vector256<float>>(i, n, ref w, ref g, ref v, ref m, ref a, h, useMomentum, centered);
        if (Vector128.IsHardwareAccelerated) i = Kernel<Lanes128, Vector128<float>>(i, n, ref w, ref g, ref v, ref m, ref a, h, useMomentum, centered);
        Kernel<Lanes1, float>(i, n, ref w, ref g, ref v, ref m, ref a, h, useMomentum, centered);
    }

    private readonly record struct Hyper(float LearningRate, float Rho, float Momentum, float Epsilon);

    private static nuint Kernel<TL, TV>(
        nuint i, nuint n, ref float w, ref float g, ref float v, ref float m, ref float a, Hyper h, bool useMomentum, bool centered)
        where TL : ILanes<TV> where TV : struct
    {
        TV lr = TL.Broadcast(h.LearningRate);
        TV rho = TL.Broadcast(h.Rho);
        TV oneMinusRho = TL.Broadcast(1f - h.Rho);
        TV mu = TL.Broadcast(h.Momentum);
        TV epsilon = TL.Broadcast(h.Epsilon);
        TV smallestNormal = TL.Broadcast(Lanes.SmallestNormal);
        TV smallestSquarable = TL.Broadcast(Lanes.SmallestSquarable);
        for (nuint width = (nuint)TL.Count; i + width <= n; i += width)
        {
            TV gradient = TL.Load(ref g, i);
            TV squarable = TL.ZeroBelow(gradient, smallestSquarable);
            TV velocity = TL.ZeroBelow(TL.MultiplyAdd(rho, TL.Load(ref v, i), TL.Multiply(oneMinusRho, TL.Multiply(squarable, squarable))), smallestNormal);
            TL.Store(velocity, ref v, i);
            TV denominator;
            if (centered)
            {
                TV average = TL.ZeroBelow(TL.MultiplyAdd(rho, TL.Load(ref a, i), TL.Multiply(oneMinusRho, gradient)), smallestNormal);
                TL.Store(average, ref a, i);
                denominator = TL.Add(TL.Subtract(velocity, TL.Multiply(average, average)), epsilon);
            }
            else
            {
                denominator = TL.Add(velocity, epsilon);
            }

            TV increment = TL.Divide(TL.Multiply(lr, gradient), TL.Sqrt(denominator));
            if (useMomentum)
            {
                increment = TL.ZeroBelow(TL.MultiplyAdd(mu, TL.Load(ref m, i), increment), smallestNormal);
                TL.Store(increment, ref m, i);
            }
            TL.Store(TL.Subtract(TL.Load(ref w, i), increment), ref w, i);
        }
        return i;
    }
}
