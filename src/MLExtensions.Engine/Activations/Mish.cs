using System.Numerics;
using System.Numerics.Tensors;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// x·tanh(softplus(x)) (Misra 2019). With n = eˣ, tanh(softplus(x)) = n(n + 2)/(n(n + 2) + 2), which needs
/// one exponential and stays exact for very negative x; above x = 20 the factor is 1 to float precision and
/// n² would later overflow, so f(x) = x there.
/// </summary>
public sealed class Mish : Activation
{
    private const float Linear = 20f;

    public override string Name => "mish";

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        Span<float> scratch = stackalloc float[VectorMap.ChunkLength];
        for (int start = 0; start < input.Length; start += VectorMap.ChunkLength)
        {
            int length = Math.Min(VectorMap.ChunkLength, input.Length - start);
            var x = input.Slice(start, length);
            var n = scratch[..length];
            TensorPrimitives.Min(x, Linear, n);
            TensorPrimitives.Exp(n, n);
            VectorMap.Apply(x, n, output.Slice(start, length), new Function());
        }
    }

    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        Span<float> scratch = stackalloc float[VectorMap.ChunkLength];
        for (int start = 0; start < input.Length; start += VectorMap.ChunkLength)
        {
            int length = Math.Min(VectorMap.ChunkLength, input.Length - start);
            var x = input.Slice(start, length);
            var n = scratch[..length];
            TensorPrimitives.Min(x, Linear, n);
            TensorPrimitives.Exp(n, n);
            VectorMap.Apply(x, n, outputGradient.Slice(start, length), inputGradient.Slice(start, length), new Derivative());
        }
    }

    private readonly struct Function : IBinaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> n)
        {
            var numerator = n * (n + new Vector<float>(2f));
            var factor = numerator / (numerator + new Vector<float>(2f));
            return Vector.ConditionalSelect(Vector.GreaterThan(x, new Vector<float>(Linear)), x, x * factor);
        }
    }

    /// <summary>
    /// f' = tanh(sp) + x·sech²(sp)·σ(x); with w = 1 + n and d = w² + 1, sech²(sp) = 4w²/d² and σ(x) = n/w,
    /// so the second term is 4xnw/d².
    /// </summary>
    private readonly struct Derivative : ITernaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> n, Vector<float> g)
        {
            var w = Vector<float>.One + n;
            var d = w * w + Vector<float>.One;
            var factor = n * (n + new Vector<float>(2f)) / d;
            var slope = factor + new Vector<float>(4f) * x * n * w / (d * d);
            return Vector.ConditionalSelect(Vector.GreaterThan(x, new Vector<float>(Linear)), g, g * slope);
        }
    }
}
