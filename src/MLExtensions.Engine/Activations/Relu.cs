using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>max(x, 0); the derivative is 1 for x &gt; 0 and 0 otherwise, so relu'(0) = 0 as in TensorFlow.</summary>
public sealed class Relu : Activation
{
    /// <inheritdoc/>
    public override string Name => "relu";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        TensorPrimitives.Max(input, 0f, output);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        ElementWise.Map(input, outputGradient, inputGradient, new Derivative());
    }

    private readonly struct Derivative : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV g) where TL : ILanes<TV> where TV : struct =>
            TL.ConditionalSelect(TL.GreaterThan(x, TL.Broadcast(0f)), g, TL.Broadcast(0f));
    }
}
