using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>The argument a(x) of a sigmoid gate and its derivative a'(x).</summary>
internal interface IGateArgument : IUnaryOperator
{
    TV Derivative<TL, TV>(TV x) where TL : ILanes<TV> where TV : struct;
}

/// <summary>σ(a(x)) over a span, for <see cref="ChunkedMap"/>.</summary>
internal readonly struct SigmoidOf<TArgument> : ISpanFunction where TArgument : struct, IUnaryOperator
{
    public void Invoke(ReadOnlySpan<float> x, Span<float> destination)
    {
        ElementWise.Map(x, destination, default(TArgument));
        TensorPrimitives.Sigmoid(destination, destination);
    }
}

/// <summary>
/// The activations x·σ(a(x)): SiLU (a(x) = x) and the tanh-approximated GELU (a(x) = 2u(x)). The derivative is
/// σ + x·σ(1 − σ)·a'(x), which needs only σ(a(x)) and a'(x), so one sigmoid pass serves both directions.
/// </summary>
internal static class SigmoidGated
{
    public static void Forward<TArgument>(ReadOnlySpan<float> input, Span<float> output) where TArgument : struct, IGateArgument =>
        ChunkedMap.Map(input, output, new SigmoidOf<TArgument>(), new Product());

    public static void Backward<TArgument>(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
        where TArgument : struct, IGateArgument =>
        ChunkedMap.Map(input, outputGradient, inputGradient, new SigmoidOf<TArgument>(), new Derivative<TArgument>());

    private readonly struct Product : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV sigma) where TL : ILanes<TV> where TV : struct => TL.Multiply(x, sigma);
    }

    private readonly struct Derivative<TArgument> : ITernaryOperator where TArgument : struct, IGateArgument
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV sigma, TV g) where TL : ILanes<TV> where TV : struct
        {
            var gateSlope = TL.Multiply(TL.Multiply(x, sigma), TL.Subtract(TL.Broadcast(1f), sigma));
            return TL.Multiply(g, TL.Add(sigma, TL.Multiply(gateSlope, default(TArgument).Derivative<TL, TV>(x))));
        }
    }
}
