using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// log(1 + eˣ), evaluated as max(x, 0) + log1p(e^−|x|) so it neither overflows for large x nor rounds to 0
/// for very negative x; the derivative is σ(x).
/// </summary>
public sealed class Softplus : Activation
{
    /// <inheritdoc/>
    public override string Name => "softplus";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        Evaluate(input, output);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        ChunkedMap.Map(input, outputGradient, inputGradient, new SigmoidOf<Identity.Operator>(), new GradientTimesSigmoid());
    }

    /// <summary>The stable softplus, also the per-example core of the binary cross-entropy.</summary>
    internal static void Evaluate(ReadOnlySpan<float> x, Span<float> destination) =>
        ChunkedMap.Map(x, destination, new LogP1OfExpOfNegativeMagnitude(), new AddPositivePart());

    private readonly struct LogP1OfExpOfNegativeMagnitude : ISpanFunction
    {
        public void Invoke(ReadOnlySpan<float> x, Span<float> destination)
        {
            ElementWise.Map(x, destination, new NegativeMagnitude());
            TensorPrimitives.Exp(destination, destination);
            AccurateMath.LogP1(destination, destination);
        }
    }

    private readonly struct NegativeMagnitude : IUnaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct => TL.Negate(TL.Abs(x));
    }

    private readonly struct AddPositivePart : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV tail) where TL : ILanes<TV> where TV : struct =>
            TL.Add(TL.Max(x, TL.Broadcast(0f)), tail);
    }

    private readonly struct GradientTimesSigmoid : ITernaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV sigma, TV g) where TL : ILanes<TV> where TV : struct => TL.Multiply(g, sigma);
    }
}
