using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// The shared shape of ELU and SELU: f(x) = scale·x for x &gt; 0 and negativeScale·expm1(x) otherwise, whose
/// derivative on the negative side is f(x) + negativeScale.
/// </summary>
internal static class ExponentialLinear
{
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, float scale, float negativeScale) =>
        ChunkedMap.Map(input, output, new NegativePartExpM1(), new Combine(scale, negativeScale));

    public static void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        float scale, float negativeScale) =>
        ElementWise.Map(input, output, outputGradient, inputGradient, new Derivative(scale, negativeScale));

    /// <summary>expm1(min(x, 0)): the min keeps exp from overflowing on the positive side, whose value is discarded anyway.</summary>
    private readonly struct NegativePartExpM1 : ISpanFunction
    {
        public void Invoke(ReadOnlySpan<float> x, Span<float> destination)
        {
            TensorPrimitives.Min(x, 0f, destination);
            AccurateMath.ExpM1(destination, destination);
        }
    }

    private readonly struct Combine(float scale, float negativeScale) : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV em1) where TL : ILanes<TV> where TV : struct =>
            TL.ConditionalSelect(TL.GreaterThan(x, TL.Broadcast(0f)),
                TL.Multiply(x, TL.Broadcast(scale)), TL.Multiply(em1, TL.Broadcast(negativeScale)));
    }

    private readonly struct Derivative(float scale, float negativeScale) : ITernaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV y, TV g) where TL : ILanes<TV> where TV : struct =>
            TL.ConditionalSelect(TL.GreaterThan(x, TL.Broadcast(0f)),
                TL.Multiply(g, TL.Broadcast(scale)), TL.Multiply(g, TL.Add(y, TL.Broadcast(negativeScale))));
    }
}
