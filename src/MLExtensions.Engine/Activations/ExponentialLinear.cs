using System.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// The shared shape of ELU and SELU: f(x) = scale·x for x &gt; 0 and negativeScale·expm1(x) otherwise, whose
/// derivative on the negative side is f(x) + negativeScale.
/// </summary>
internal static class ExponentialLinear
{
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, float scale, float negativeScale)
    {
        Span<float> scratch = stackalloc float[VectorMap.ChunkLength];
        for (int start = 0; start < output.Length; start += VectorMap.ChunkLength)
        {
            int length = Math.Min(VectorMap.ChunkLength, output.Length - start);
            var x = input.Slice(start, length);
            var em1 = scratch[..length];
            // min(x, 0) keeps exp from overflowing on the positive side, whose value is discarded anyway.
            VectorMap.Apply(x, em1, new NegativePart());
            AccurateMath.ExpM1(em1, em1);
            VectorMap.Apply(x, em1, output.Slice(start, length), new Combine(new Vector<float>(scale), new Vector<float>(negativeScale)));
        }
    }

    public static void Backward(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient,
        float scale, float negativeScale) =>
        VectorMap.Apply(input, output, outputGradient, inputGradient, new Derivative(new Vector<float>(scale), new Vector<float>(negativeScale)));

    private readonly struct NegativePart : IUnaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x) => Vector.Min(x, Vector<float>.Zero);
    }

    private readonly struct Combine(Vector<float> scale, Vector<float> negativeScale) : IBinaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> em1) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x * scale, em1 * negativeScale);
    }

    private readonly struct Derivative(Vector<float> scale, Vector<float> negativeScale) : ITernaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> y, Vector<float> g) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), g * scale, g * (y + negativeScale));
    }
}
