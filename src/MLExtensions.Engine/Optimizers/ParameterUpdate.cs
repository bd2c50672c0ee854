using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// An optimizer's element update, written once generic over the width as the element-wise operators of
/// <see cref="ElementWise"/> are: it updates the weight at <c>index</c> (and <see cref="ILanes{TVector}.Count"/>
/// after it) in place from the gradient there and its state slots, which it reads and writes at the same index.
/// Slots an optimizer does not have are null references: an update that touches one fails at once instead of
/// writing into the weights.
/// </summary>
internal interface IParameterUpdate
{
    void Invoke<TL, TV>(ref float weights, ref float gradients, ref float state0, ref float state1, ref float state2, nuint index)
        where TL : ILanes<TV> where TV : struct;
}

/// <summary>Runs an <see cref="IParameterUpdate"/> over one slice as the 512-, 256-, 128-bit loops and the scalar tail.</summary>
internal static class ParameterUpdate
{
    public const int MaximumStateCount = 3;

    public static void Run<TOp>(Span<float> parameters, ReadOnlySpan<float> gradients, OptimizerStateSlice state, TOp op)
        where TOp : struct, IParameterUpdate
    {
        if (state.SlotCount > MaximumStateCount)
            throw new InvalidOperationException($"An element update reaches at most {MaximumStateCount} state buffers, not {state.SlotCount}.");
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float s0 = ref state.SlotCount > 0 ? ref MemoryMarshal.GetReference(state[0]) : ref Unsafe.NullRef<float>();
        ref float s1 = ref state.SlotCount > 1 ? ref MemoryMarshal.GetReference(state[1]) : ref Unsafe.NullRef<float>();
        ref float s2 = ref state.SlotCount > 2 ? ref MemoryMarshal.GetReference(state[2]) : ref Unsafe.NullRef<float>();
        nuint n = (nuint)parameters.Length, i = 0;
        if (Vector512.IsHardwareAccelerated) i = Loop<Lanes512, Vector512<float>, TOp>(i, n, ref w, ref g, ref s0, ref s1, ref s2, op);
        if (Vector256.IsHardwareAccelerated) i = Loop<Lanes256, Vector256<float>, TOp>(i, n, ref w, ref g, ref s0, ref s1, ref s2, op);
        if (Vector128.IsHardwareAccelerated) i = Loop<Lanes128, Vector128<float>, TOp>(i, n, ref w, ref g, ref s0, ref s1, ref s2, op);
        Loop<Lanes1, float, TOp>(i, n, ref w, ref g, ref s0, ref s1, ref s2, op);
    }

    private static nuint Loop<TL, TV, TOp>(
        nuint i, nuint n, ref float w, ref float g, ref float s0, ref float s1, ref float s2, TOp op)
        where TL : ILanes<TV> where TV : struct where TOp : struct, IParameterUpdate
    {
        for (nuint width = (nuint)TL.Count; i + width <= n; i += width)
            op.Invoke<TL, TV>(ref w, ref g, ref s0, ref s1, ref s2, i);
        return i;
    }
}
