using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>σ(x) = 1/(1 + e⁻ˣ); σ' = σ(1 − σ). Saturates to exactly 0 or 1 without overflow.</summary>
public sealed class Sigmoid : Activation
{
    /// <inheritdoc/>
    public override string Name => "sigmoid";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        TensorPrimitives.Sigmoid(input, output);
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
            TL.Multiply(g, TL.Multiply(y, TL.Subtract(TL.Broadcast(1f), y)));
    }
}
