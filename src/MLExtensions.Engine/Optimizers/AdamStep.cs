using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// The step <see cref="Adam"/> and <see cref="AdamW"/> share, decay or not: both are sealed, so neither opens the
/// other's state slots to a subclass, and the update is written once here.
/// </summary>
internal static class AdamStep
{
    /// <summary>Declares the slots the step reads, in its order: momentum, velocity and, with AMSGrad only, velocity_hat.</summary>
    public static IReadOnlyList<string> SlotNames(bool amsgrad) =>
        amsgrad ? ["momentum", "velocity", "velocity_hat"] : ["momentum", "velocity"];

    /// <summary>One step over a slice, with <paramref name="weightDecay"/> 0 for plain Adam.</summary>
    public static void Run(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, long step,
        float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool amsgrad)
    {
        double lr = learningRate;
        double t = step;
        double alpha = lr * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t));
        ParameterUpdate.Run(parameters, gradients, state, new ElementUpdate(
            Alpha: (float)alpha,
            OneMinusBeta1: 1f - beta1,
            OneMinusBeta2: 1f - beta2,
            Epsilon: epsilon,
            // Keras applies decoupled decay as w −= w·wd·lr before the moment update; as a factor
            // (1 − wd·lr) it is one multiply in the same pass.
            DecayFactor: (float)(1.0 - (double)weightDecay * lr),
            Decay: weightDecay != 0f,
            Amsgrad: amsgrad));
    }

    /// <summary>Slots: momentum, velocity and, with AMSGrad only, velocity_hat.</summary>
    private readonly record struct ElementUpdate(
        float Alpha, float OneMinusBeta1, float OneMinusBeta2, float Epsilon, float DecayFactor, bool Decay, bool Amsgrad) : IParameterUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TL, TV>(ref float w, ref float g, ref float m, ref float v, ref float vMax, nuint i)
            where TL : ILanes<TV> where TV : struct
        {
            TV gradient = TL.Load(ref g, i);
            var (mean, second) = Moments.UpdateMeanAndSquare<TL, TV>(gradient, ref m, ref v, i, OneMinusBeta1, OneMinusBeta2);
            if (Amsgrad)
            {
                second = TL.Max(TL.Load(ref vMax, i), second);
                TL.Store(second, ref vMax, i);
            }

            TV weight = TL.Load(ref w, i);
            if (Decay)
                weight = TL.Multiply(weight, TL.Broadcast(DecayFactor));
            TV delta = TL.Divide(TL.Multiply(mean, TL.Broadcast(Alpha)), TL.Add(TL.Sqrt(second), TL.Broadcast(Epsilon)));
            TL.Store(TL.Subtract(weight, delta), ref w, i);
        }
    }
}
