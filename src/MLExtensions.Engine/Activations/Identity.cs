using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>f(x) = x (Keras "linear", also accepted by that name).</summary>
public sealed class Identity : Activation
{
    /// <inheritdoc/>
    public override string Name => "identity";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        input.CopyTo(output);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        outputGradient.CopyTo(inputGradient);
    }

    /// <summary>f(x) = x as an element-wise operator, with f'(x) = 1: the gate argument of SiLU.</summary>
    internal readonly struct Operator : IGateArgument
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct => x;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Derivative<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct => TL.Broadcast(1f);
    }
}
