using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>tanh(x); tanh' = 1 − tanh². Computed through expm1 so small arguments keep full relative precision.</summary>
public sealed class Tanh : Activation
{
    /// <inheritdoc/>
    public override string Name => "tanh";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        AccurateMath.Tanh(input, output);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        ElementWise.Map(outputGradient, output, inputGradient, new Derivative());
    }

    private readonly struct Derivative : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV g, TV y) where TL : ILanes<TV> where TV : struct =>
            TL.Multiply(g, TL.Subtract(TL.Broadcast(1f), TL.Multiply(y, y)));
    }
}
