using System.Numerics.Tensors;

namespace MLExtensions.Engine.Layers;

/// <summary>
/// Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1/(1 − rate),
/// so inference is the identity and needs no rescaling.
/// </summary>
public sealed class DropoutLayer : Layer
{
    public DropoutLayer(float rate)
    {
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");
        Rate = rate;
    }

    public float Rate { get; }

    public override string Kind => "dropout";

    protected override int ComputeOutputSize(int inputSize) => inputSize;

    /// <summary>The mask applied in the forward pass: 0 or 1/(1 − rate) per value.</summary>
    public override int ScratchSize(int batch) => batch * InputSize;

    public override void Forward(LayerContext context, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch, int batch)
    {
        int n = batch * InputSize;
        if (!context.Training || Rate == 0f)
        {
            input[..n].CopyTo(output);
            return;
        }
        var random = context.Random!;
        float keepScale = 1f / (1f - Rate);
        var mask = scratch[..n];
        for (int i = 0; i < n; i++)
            mask[i] = random.NextFloat() >= Rate ? keepScale : 0f;
        TensorPrimitives.Multiply(input[..n], mask, output[..n]);
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
        if (Rate == 0f)
            outputGradient[..n].CopyTo(inputGradient);
        else
            TensorPrimitives.Multiply(outputGradient[..n], scratch[..n], inputGradient[..n]);
    }

    public override string Describe() => $"dropout({Rate})";
}
