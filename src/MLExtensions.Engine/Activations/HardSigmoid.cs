using System.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// Keras 3's relu6(x + 3)/6, i.e. 0 below −3, 1 above 3 and linear between (Keras 2 used slope 0.2 instead).
/// The derivative is 1/6 strictly inside (−3, 3) and 0 elsewhere, including at ±3.
/// </summary>
public sealed class HardSigmoid : Activation
{
    public override string Name => "hard_sigmoid";

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
        public Vector<float> Invoke(Vector<float> x) =>
            Vector.Min(Vector.Max(x + new Vector<float>(3f), Vector<float>.Zero), new Vector<float>(6f)) / new Vector<float>(6f);
    }

    private readonly struct Derivative : IBinaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> x, Vector<float> g)
        {
            var inside = Vector.LessThan(Vector.Abs(x), new Vector<float>(3f));
            return Vector.ConditionalSelect(inside, g / new Vector<float>(6f), Vector<float>.Zero);
        }
    }
}
