using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Optimizers;

/// <summary>
/// The running averages the adaptive optimizers keep, each flushed to zero below the smallest normal float
/// (see <see cref="Lanes.SmallestNormal"/>) so a state that decays for a parameter whose gradient stays 0 cannot
/// sink into slow subnormal arithmetic.
/// </summary>
internal static class Moments
{
    /// <summary>Keras's form for Adam and its kin: m + (x − m)(1 − β).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Average<TL, TV>(TV previous, TV value, float oneMinusBeta) where TL : ILanes<TV> where TV : struct =>
        Flush<TL, TV>(TL.MultiplyAdd(TL.Subtract(value, previous), TL.Broadcast(oneMinusBeta), previous));

    /// <summary>Keras's form for RMSprop: ρ·m + (1 − ρ)·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Decay<TL, TV>(TV previous, TV value, float rho) where TL : ILanes<TV> where TV : struct =>
        Flush<TL, TV>(TL.MultiplyAdd(TL.Broadcast(rho), previous, TL.Multiply(TL.Broadcast(1f - rho), value)));

    /// <summary>g², taken of g flushed below <see cref="Lanes.SmallestSquarable"/> so the square is never subnormal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Square<TL, TV>(TV gradient) where TL : ILanes<TV> where TV : struct
    {
        TV squarable = TL.ZeroBelow(gradient, TL.Broadcast(Lanes.SmallestSquarable));
        return TL.Multiply(squarable, squarable);
    }

    /// <summary><paramref name="value"/> with subnormal lanes set to zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Flush<TL, TV>(TV value) where TL : ILanes<TV> where TV : struct =>
        TL.ZeroBelow(value, TL.Broadcast(Lanes.SmallestNormal));

    /// <summary>
    /// The two moments of the Adam family at <paramref name="index"/>: m ← avg(m, g; β₁) and v ← avg(v, g²; β₂),
    /// stored back and returned.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TV Mean, TV Square) UpdateMeanAndSquare<TL, TV>(
        TV gradient, ref float mean, ref float square, nuint index, float oneMinusBeta1, float oneMinusBeta2)
        where TL : ILanes<TV> where TV : struct
    {
        TV newMean = Average<TL, TV>(TL.Load(ref mean, index), gradient, oneMinusBeta1);
        TL.Store(newMean, ref mean, index);
        TV newSquare = Average<TL, TV>(TL.Load(ref square, index), Square<TL, TV>(gradient), oneMinusBeta2);
        TL.Store(newSquare, ref square, index);
        return (newMean, newSquare);
    }
}
