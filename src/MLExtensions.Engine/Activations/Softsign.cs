using System.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>x/(1 + |x|); the derivative is 1/(1 + |x|)².</summary>
public sealed class Softsign : Activation
{
    public override string Name => "softsign";

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        VectorMap.Apply(input, output, new Function());
    }

    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        VectorMap.Apply(input, outputGradient, inputGradient, new Derivative());
    }

    private readonly struct Function : IUnaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x) => x / (Vector<float>.One + Vector.Abs(x));
    }

    private readonly struct Derivative : IBinaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> g)
        {
            var d = Vector<float>.One + Vector.Abs(x);
            return g / (d * d);
        }
    }
}
