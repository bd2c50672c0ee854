using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Layers;

/// <summary>
/// What <see cref="DropoutLayer"/> and <see cref="AlphaDropoutLayer"/> share: in training each value is dropped with
/// probability <see cref="Rate"/>, and the forward pass keeps its mask in scratch for the backward pass; at inference,
/// or at rate 0, the layer is the identity. They differ in what a dropped value becomes and how kept ones are rescaled.
/// </summary>
public abstract class DropoutLayerBase : Layer
{
    private protected DropoutLayerBase(float rate, string what)
    {
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"The {what} rate must be in [0, 1).");
        Rate = rate;
    }

    /// <summary>The probability of dropping each value in training, in [0, 1).</summary>
    public float Rate { get; }

    /// <inheritdoc/>
    protected sealed override int ComputeOutputSize(int inputSize) => inputSize;

    /// <summary>The mask of the forward pass, one float per value.</summary>
    public sealed override int ScratchSize(int batch) => batch * InputSize;

    /// <inheritdoc/>
    public sealed override void Forward(LayerContext context, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch, int batch)
    {
        int n = batch * InputSize;
        if (!context.Training || Rate == 0f)
        {
            input[..n].CopyTo(output);
            return;
        }
        Drop(context.Random!, input[..n], output[..n], scratch[..n]);
    }

    /// <inheritdoc/>
    public sealed override void Backward(LayerContext context, BackwardPass pass)
    {
        if (pass.InputGradient.IsEmpty)
            return;
        int n = pass.Batch * InputSize;
        if (Rate == 0f)
            pass.OutputGradient[..n].CopyTo(pass.InputGradient);
        else
            BackwardThroughMask(pass.OutputGradient[..n], pass.Scratch[..n], pass.InputGradient[..n]);
    }

    /// <inheritdoc/>
    public sealed override string Describe() => $"{Kind}({Rate})";

    /// <summary>The training forward pass: draws the mask into <paramref name="mask"/> and applies it.</summary>
    private protected abstract void Drop(RandomSource random, ReadOnlySpan<float> input, Span<float> output, Span<float> mask);

    /// <summary>The gradient through the mask the forward pass drew.</summary>
    private protected abstract void BackwardThroughMask(ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> mask, Span<float> inputGradient);
}
