using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// Gradient descent, optionally with (Nesterov) momentum, in Keras's form:
/// <c>v = momentum·v − lr·g</c>, then <c>w += v</c>, or with Nesterov <c>w += momentum·v − lr·g</c>.
/// Keras folds the learning rate into the velocity, so changing it mid-run scales only new gradients.
/// </summary>
public sealed class Sgd : Optimizer
{
    public const string ConfigName = "sgd";

    private readonly int _velocitySlot = -1;

    public Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false)
        : base(learningRate)
    {
        Momentum = InUnitInterval(momentum, nameof(momentum), includeOne: true);
        Nesterov = nesterov;
        // As in Keras, no velocity exists without momentum: plain SGD keeps no state.
        if (momentum != 0f)
            _velocitySlot = AddState("momentum");
    }

    public float Momentum { get; }

    public bool Nesterov { get; }

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

    protected override void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, long step)
    {
        float lr = LearningRate;
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        nuint n = (nuint)parameters.Length, i = 0;

        if (_velocitySlot < 0)
        {
            if (Vector512.IsHardwareAccelerated) i = Plain<Lanes512, Vector512<float>>(i, n, ref w, ref g, lr);
            if (Vector256.IsHardwareAccelerated) i = Plain<Lanes256, Vector256<float>>(i, n, ref w, ref g, lr);
            if (Vector128.IsHardwareAccelerated) i = Plain<Lanes128, Vector128<float>>(i, n, ref w, ref g, lr);
            Plain<Lanes1, float>(i, n, ref w, ref g, lr);
            return;
        }

        ref float v = ref MemoryMarshal.GetReference(State(_velocitySlot));
        float momentum = Momentum;
        bool nesterov = Nesterov;
        if (Vector512.IsHardwareAccelerated) i = WithMomentum<Lanes512, Vector512<float>>(i, n, ref w, ref g, ref v, lr, momentum, nesterov);
        if (Vector256.IsHardwareAccelerated) i = WithMomentum<Lanes256, Vector256<float>>(i, n, ref w, ref g, ref v, lr, momentum, nesterov);
        if (Vector128.IsHardwareAccelerated) i = WithMomentum<Lanes128, Vector128<float>>(i, n, ref w, ref g, ref v, lr, momentum, nesterov);
        WithMomentum<Lanes1, float>(i, n, ref w, ref g, ref v, lr, momentum, nesterov);
    }

    private static nuint Plain<TL, TV>(nuint i, nuint n, ref float w, ref float g, float lr)
        where TL : ILanes<TV> where TV : struct
    {
        TV negLr = TL.Broadcast(-lr);
        for (nuint width = (nuint)TL.Count; i + width <= n; i += width)
            TL.Store(TL.MultiplyAdd(TL.Load(ref g, i), negLr, TL.Load(ref w, i)), ref w, i);
        return i;
    }

    private static nuint WithMomentum<TL, TV>(nuint i, nuint n, ref float w, ref float g, ref float v, float lr, float momentum, bool nesterov)
        where TL : ILanes<TV> where TV : struct
    {
        TV negLr = TL.Broadcast(-lr);
        TV mu = TL.Broadcast(momentum);
        TV smallestNormal = TL.Broadcast(Lanes.SmallestNormal);
        for (nuint width = (nuint)TL.Count; i + width <= n; i += width)
        {
            TV scaledGradient = TL.Multiply(TL.Load(ref g, i), negLr);
            TV velocity = TL.ZeroBelow(TL.MultiplyAdd(TL.Load(ref v, i), mu, scaledGradient), smallestNormal);
            TL.Store(velocity, ref v, i);
            TV delta = nesterov ? TL.MultiplyAdd(velocity, mu, scaledGradient) : velocity;
            TL.Store(TL.Add(TL.Load(ref w, i), delta), ref w, i);
        }
        return i;
    }
}
