using MLExtensions.Engine.Activations;

namespace MLExtensions.Engine.Layers;

/// <summary>An activation applied on its own, e.g. after a batch normalization that follows a dense layer.</summary>
public sealed class ActivationLayer : Layer
{
    /// <summary>A layer that applies <paramref name="activation"/> element-wise; it has no parameters.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="activation"/> is <see langword="null"/>.</exception>
    public ActivationLayer(Activation activation)
    {
        Activation = activation ?? throw new ArgumentNullException(nameof(activation));
    }

    /// <summary>The activation applied to every value.</summary>
    public Activation Activation { get; }

    /// <inheritdoc/>
    public override string Kind => "activation";

    /// <inheritdoc/>
    protected override int ComputeOutputSize(int inputSize) => inputSize;

    /// <inheritdoc/>
    public override void Forward(LayerContext context, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch, int batch)
    {
        int n = batch * InputSize;
        Activation.Forward(input[..n], output[..n]);
    }

    /// <inheritdoc/>
    public override void Backward(LayerContext context, BackwardPass pass)
    {
        if (pass.InputGradient.IsEmpty)
            return;
        int n = pass.Batch * InputSize;
        Activation.Backward(pass.Input[..n], pass.Output[..n], pass.OutputGradient[..n], pass.InputGradient[..n]);
    }

    /// <inheritdoc/>
    public override string Describe() => $"activation({Activation.Name})";
}
