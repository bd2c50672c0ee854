using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MLExtensions.Engine.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// x·tanh(softplus(x)) (Misra 2019). With n = eˣ, tanh(softplus(x)) = n(n + 2)/(n(n + 2) + 2), which needs
/// one exponential and stays exact for very negative x; above x = 20 the factor is 1 to float precision and
/// n² would later overflow, so f(x) = x there.
/// </summary>
public sealed class Mish : Activation
{
    private const float Linear = 20f;

    /// <inheritdoc/>
    public override string Name => "mish";

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        ChunkedMap.Map(input, output, new ClampedExponential(), new Function());
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        ChunkedMap.Map(input, outputGradient, inputGradient, new ClampedExponential(), new Derivative());
    }

    /// <summary>n = e^min(x, 20).</summary>
    private readonly struct ClampedExponential : ISpanFunction
    {
        public void Invoke(ReadOnlySpan<float> x, Span<float> destination)
        {
            TensorPrimitives.Min(x, Linear, destination);
            TensorPrimitives.Exp(destination, destination);
        }
    }

    private readonly struct Function : IBinaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV n) where TL : ILanes<TV> where TV : struct
        {
            var numerator = TL.Multiply(n, TL.Add(n, TL.Broadcast(2f)));
            var factor = TL.Divide(numerator, TL.Add(numerator, TL.Broadcast(2f)));
            return TL.ConditionalSelect(TL.GreaterThan(x, TL.Broadcast(Linear)), x, TL.Multiply(x, factor));
        }
    }

    /// <summary>
    /// f' = tanh(sp) + x·sech²(sp)·σ(x); with w = 1 + n and d = w² + 1, sech²(sp) = 4w²/d² and σ(x) = n/w,
    /// so the second term is 4xnw/d².
    /// </summary>
    private readonly struct Derivative : ITernaryOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TV Invoke<TL, TV>(TV x, TV n, TV g) where TL : ILanes<TV> where TV : struct
        {
            var one = TL.Broadcast(1f);
            var w = TL.Add(one, n);
            var d = TL.Add(TL.Multiply(w, w), one);
            var factor = TL.Divide(TL.Multiply(n, TL.Add(n, TL.Broadcast(2f))), d);
            var slope = TL.Add(factor, TL.Divide(TL.Multiply(TL.Multiply(TL.Multiply(TL.Broadcast(4f), x), n), w), TL.Multiply(d, d)));
            return TL.ConditionalSelect(TL.GreaterThan(x, TL.Broadcast(Linear)), g, TL.Multiply(g, slope));
        }
    }
}
