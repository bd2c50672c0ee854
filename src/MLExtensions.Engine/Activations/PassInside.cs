using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// The derivative of the hard (piecewise linear, saturating) activations: g/<c>run</c> strictly inside
/// (−bound, bound), where the function rises by 1 over a run of <c>run</c>, and 0 elsewhere, including at ±bound,
/// as TensorFlow back-propagates at the kinks.
/// </summary>
internal readonly struct PassInside(float bound, float run) : IBinaryOperator
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Invoke<TL, TV>(TV x, TV g) where TL : ILanes<TV> where TV : struct =>
        TL.ConditionalSelect(TL.LessThan(TL.Abs(x), TL.Broadcast(bound)), TL.Divide(g, TL.Broadcast(run)), TL.Broadcast(0f));
}
