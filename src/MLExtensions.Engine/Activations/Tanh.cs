using System.Numerics;

namespace MLExtensions.Engine.Activations;

/// <summary>tanh(x); tanh' = 1 − tanh². Computed through expm1 so small arguments keep full relative precision.</summary>
public sealed class Tanh : Activation
{
    public override string Name => "tanh";

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        AccurateMath.Tanh(input, output);
    }

    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        VectorMap.Apply(outputGradient, output, inputGradient, new Derivative());
    }

    private readonly struct Derivative : IBinaryVectorOp<float>
    {
        public Vector<float> Invoke(Vector<float> g, Vector<float> y) => g * (Vector<float>.One - y * y);
    }
}
