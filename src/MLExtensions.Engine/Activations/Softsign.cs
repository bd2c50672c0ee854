using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>x/(1 + |x|); the derivative is 1/(1 + |x|)².</summary>
public sealed class Softsign : Activation
{
    /// <inheritdoc/>
    public override string Name => "softsign";

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
        ElementWise.Map(input, outputGradient, inputGradient, new Derivative());
    }

    private readonly struct Function : IUnaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct =>
            TL.Divide(x, TL.Add(TL.Broadcast(1f), TL.Abs(x)));
    }

    private readonly struct Derivative : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV g) where TL : ILanes<TV> where TV : struct
        {
            var d = TL.Add(TL.Broadcast(1f), TL.Abs(x));
            return TL.Divide(g, TL.Multiply(d, d));
        }
    }
}
