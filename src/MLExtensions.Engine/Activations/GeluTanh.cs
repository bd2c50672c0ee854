using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// The tanh approximation of GELU, ½x(1 + tanh(u)) with u = √(2/π)(x + 0.044715x³) (Keras'
/// <c>gelu(approximate=True)</c>). Since 1 + tanh(u) = 2σ(2u), it is evaluated as x·σ(2u), which does not
/// cancel for negative x; the derivative is σ(2u) + x·σ(2u)(1 − σ(2u))·2u'.
/// </summary>
public sealed class GeluTanh : Activation
{
    private const float TwoSqrt2OverPi = 1.5957691216057308f;
    private const float Cubic = 0.044715f;

    /// <inheritdoc/>
    public override string Name => "gelu_tanh";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        SigmoidGated.Forward<TwiceU>(input, output);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        SigmoidGated.Backward<TwiceU>(input, outputGradient, inputGradient);
    }

    private readonly struct TwiceU : IGateArgument
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct =>
            TL.Multiply(TL.Broadcast(TwoSqrt2OverPi), TL.Add(x, TL.Multiply(TL.Multiply(TL.Multiply(TL.Broadcast(Cubic), x), x), x)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Derivative<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct =>
            TL.Multiply(TL.Broadcast(TwoSqrt2OverPi), TL.Add(TL.Broadcast(1f), TL.Multiply(TL.Multiply(TL.Broadcast(3f * Cubic), x), x)));
    }
}
