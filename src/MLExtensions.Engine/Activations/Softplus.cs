using System.Numerics;
using System.Numerics.Tensors;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// log(1 + eˣ), evaluated as max(x, 0) + log1p(e^−|x|) so it neither overflows for large x nor rounds to 0
/// for very negative x; the derivative is σ(x).
/// </summary>
public sealed class Softplus : Activation
{
    public override string Name => "softplus";

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        Evaluate(input, output);
    }

    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        Span<float> scratch = stackalloc float[VectorMap.ChunkLength];
        for (int start = 0; start < input.Length; start += VectorMap.ChunkLength)
        {
            int length = Math.Min(VectorMap.ChunkLength, input.Length - start);
            var sigma = scratch[..length];
            TensorPrimitives.Sigmoid(input.Slice(start, length), sigma);
            TensorPrimitives.Multiply(outputGradient.Slice(start, length), sigma, inputGradient.Slice(start, length));
        }
    }

    /// <summary>The stable softplus, also the per-example core of the binary cross-entropy.</summary>
    internal static void Evaluate(ReadOnlySpan<float> x, Span<float> destination)
    {
        Span<float> scratch = stackalloc float[VectorMap.ChunkLength];
        for (int start = 0; start < destination.Length; start += VectorMap.ChunkLength)
        {
            int length = Math.Min(VectorMap.ChunkLength, destination.Length - start);
            var xs = x.Slice(start, length);
            var tail = scratch[..length];
            VectorMap.Apply(xs, tail, new NegativeMagnitude());
            TensorPrimitives.Exp(tail, tail);
            AccurateMath.LogP1(tail, tail);
            VectorMap.Apply(xs, tail, destination.Slice(start, length), new AddPositivePart());
        }
    }

    private readonly struct NegativeMagnitude : IUnaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x) => -Vector.Abs(x);
    }

    private readonly struct AddPositivePart : IBinaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> tail) => Vector.Max(x, Vector<float>.Zero) + tail;
    }
}
