namespace MLExtensions.Engine.Layers;

/// <summary>
/// What one layer's backward pass reads and writes for a batch, by name: five spans of floats in a row are easy to swap,
/// so every one is set by name (<c>new BackwardPass { Input = …, Output = …, … }</c>).
/// Buffers are row-major [batch × width] and may be longer than the batch needs; a layer uses their prefix.
/// </summary>
public readonly ref struct BackwardPass
{
    /// <summary>The layer's input in the forward pass.</summary>
    public required ReadOnlySpan<float> Input { get; init; }

    /// <summary>The layer's output in the forward pass.</summary>
    public required ReadOnlySpan<float> Output { get; init; }

    /// <summary>The gradient of the loss with respect to the output; the layer may overwrite it.</summary>
    public required Span<float> OutputGradient { get; init; }

    /// <summary>Where the gradient with respect to the input goes; empty when no layer below needs it (the first layer).</summary>
    public required Span<float> InputGradient { get; init; }

    /// <summary>What the layer's forward pass kept for the backward pass (<see cref="Layer.ScratchSize"/> floats).</summary>
    public required Span<float> Scratch { get; init; }

    /// <summary>The rows of the batch.</summary>
    public required int Batch { get; init; }

    /// <summary>Who hears of finished parts of the layer's gradients (<see cref="Layer.ReportsFinishedGradients"/>); null for nobody.</summary>
    internal IBackwardListener? Listener { get; init; }

    /// <summary>The layer's index in its network, which <see cref="Listener"/> is told.</summary>
    internal int LayerIndex { get; init; }
}
