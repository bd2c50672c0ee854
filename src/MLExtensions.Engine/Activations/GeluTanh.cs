using System.Numerics;
using System.Numerics.Tensors;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// The tanh approximation of GELU, ½x(1 + tanh(u)) with u = √(2/π)(x + 0.044715x³) (Keras'
/// <c>gelu(approximate=True)</c>). Since 1 + tanh(u) = 2σ(2u), it is evaluated as x·σ(2u), which does not
/// cancel for negative x; the derivative is σ(2u) + x·σ(2u)(1 − σ(2u))·2u'.
/// </summary>
public sealed class GeluTanh : Activation
{
    private const float TwoSqrt2OverPi = 1.5957691216057308f;
    private const float Cubic = 0.044715f;

    public override string Name => "gelu_tanh";

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        Span<float> scratch = stackalloc float[VectorMap.ChunkLength];
        for (int start = 0; start < input.Length; start += VectorMap.ChunkLength)
        {
            int length = Math.Min(VectorMap.ChunkLength, input.Length - start);
            var x = input.Slice(start, length);
            var sigma = scratch[..length];
            VectorMap.Apply(x, sigma, new TwiceU());
            TensorPrimitives.Sigmoid(sigma, sigma);
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
            VectorMap.Apply(x, sigma, new TwiceU());
            TensorPrimitives.Sigmoid(sigma, sigma);
            VectorMap.Apply(x, sigma, outputGradient.Slice(start, length), inputGradient.Slice(start, length), new Derivative());
        }
    }

    private readonly struct TwiceU : IUnaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x) =>
            new Vector<float>(TwoSqrt2OverPi) * (x + new Vector<float>(Cubic) * x * x * x);
    }

    private readonly struct Derivative : ITernaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> sigma, Vector<float> g)
        {
            var twiceUPrime = new Vector<float>(TwoSqrt2OverPi) * (Vector<float>.One + new Vector<float>(3f * Cubic) * x * x);
            return g * (sigma + x * sigma * (Vector<float>.One - sigma) * twiceUPrime);
        }
    }
}
