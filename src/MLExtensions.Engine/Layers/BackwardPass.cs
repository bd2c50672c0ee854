namespace MLExtensions.Engine.Layers;

/// <summary>
/// What one layer's backward pass reads and writes for a batch, by name: five spans of floats in a row are easy to swap.
/// Buffers are row-major [batch × width] and may be longer than the batch needs; a layer uses their prefix.
/// </summary>
public readonly ref struct BackwardPass
{
    /// <summary>Names the spans of one backward pass; each becomes the property of the same name.</summary>
    public BackwardPass(
        ReadOnlySpan<float> input, ReadOnlySpan<float> output, Span<float> outputGradient, Span<float> inputGradient,
        Span<float> scratch, int batch)
    {
        Input = input;
        Output = output;
        OutputGradient = outputGradient;
        InputGradient = inputGradient;
        Scratch = scratch;
        Batch = batch;
    }

    /// <summary>The layer's input in the forward pass.</summary>
    public ReadOnlySpan<float> Input { get; }

    /// <summary>The layer's output in the forward pass.</summary>
    public ReadOnlySpan<float> Output { get; }

    /// <summary>The gradient of the loss with respect to the output; the layer may overwrite it.</summary>
    public Span<float> OutputGradient { get; }

    /// <summary>Where the gradient with respect to the input goes; empty when no layer below needs it (the first layer).</summary>
    public Span<float> InputGradient { get; }

    /// <summary>What the layer's forward pass kept for the backward pass (<see cref="Layer.ScratchSize"/> floats).</summary>
    public Span<float> Scratch { get; }

    /// <summary>The rows of the batch.</summary>
    public int Batch { get; }
}
