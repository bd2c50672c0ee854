using MLExtensions.Engine.Activations;

namespace MLExtensions.Engine.Layers;

/// <summary>An activation applied on its own, e.g. after a batch normalization that follows a dense layer.</summary>
public sealed class ActivationLayer : Layer
{
    public ActivationLayer(Activation activation)
    {
        Activation = activation ?? throw new ArgumentNullException(nameof(activation));
    }

    public Activation Activation { get; }

    public override string Kind => "activation";

    protected override int ComputeOutputSize(int inputSize) => inputSize;

    public override void Forward(LayerContext context, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch, int batch)
    {
        int n = batch * InputSize;
        Activation.Forward(input[..n], output[..n]);
    }

    public override void Backward(
        LayerContext context,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> output,
        Span<float> outputGradient,
        Span<float> inputGradient,
        Span<float> scratch,
        int batch)
    {
        if (inputGradient.IsEmpty)
            return;
        int n = batch * InputSize;
        Activation.Backward(input[..n], output[..n], outputGradient[..n], inputGradient[..n]);
    }

    public override string Describe() => $"activation({Activation.Name})";
}
