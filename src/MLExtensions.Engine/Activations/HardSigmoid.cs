using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// Keras 3's relu6(x + 3)/6, i.e. 0 below −3, 1 above 3 and linear between (Keras 2 used slope 0.2 instead).
/// The derivative is 1/6 strictly inside (−3, 3) and 0 elsewhere, including at ±3.
/// </summary>
public sealed class HardSigmoid : Activation
{
    /// <inheritdoc/>
    public override string Name => "hard_sigmoid";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        ElementWise.Map(input, output, new Function());
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        ElementWise.Map(input, outputGradient, inputGradient, new PassInside(bound: 3f, run: 6f));
    }

    private readonly struct Function : IUnaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct =>
            TL.Divide(TL.Min(TL.Max(TL.Add(x, TL.Broadcast(3f)), TL.Broadcast(0f)), TL.Broadcast(6f)), TL.Broadcast(6f));
    }
}
