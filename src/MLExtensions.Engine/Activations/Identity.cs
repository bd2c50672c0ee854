namespace MLExtensions.Engine.Activations;

/// <summary>f(x) = x (Keras "linear", also accepted by that name).</summary>
public sealed class Identity : Activation
{
    public override string Name => "identity";

    public override void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckForward(input, output);
        input.CopyTo(output);
    }

    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        CheckBackward(input, output, outputGradient, inputGradient);
        outputGradient.CopyTo(inputGradient);
    }
}
