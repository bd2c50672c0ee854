using System.Numerics;
using System.Numerics.Tensors;

namespace MLExtensions.Engine.Activations;

/// <summary>x·σ(x) (swish with β = 1, also accepted as "swish"); the derivative is σ(x)(1 + x(1 − σ(x))).</summary>
public sealed class Silu : Activation
{
    public override string Name => "silu";

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        Span<float> scratch = stackalloc float[VectorMap.ChunkLength];
        for (int start = 0; start < input.Length; start += VectorMap.ChunkLength)
        {
            int length = Math.Min(VectorMap.ChunkLength, input.Length - start);
            var x = input.Slice(start, length);
            var sigma = scratch[..length];
            TensorPrimitives.Sigmoid(x, sigma);
            TensorPrimitives.Multiply(x, sigma, output.Slice(start, length));
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
            var sigma = scratch[..length];
            TensorPrimitives.Sigmoid(x, sigma);
            VectorMap.Apply(x, sigma, outputGradient.Slice(start, length), inputGradient.Slice(start, length), new Derivative());
        }
    }

    private readonly struct Derivative : ITernaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> sigma, Vector<float> g) =>
            g * (sigma * (Vector<float>.One + x * (Vector<float>.One - sigma)));
    }
}
