namespace MLExtensions.Engine.Layers;

/// <summary>
/// Alpha dropout for self-normalizing (SELU) networks (Klambauer et al., 2017): dropped values are set to
/// SELU's negative saturation α′ and an affine correction a·x + b restores zero mean and unit variance,
/// which plain dropout would break. Identity at inference.
/// </summary>
public sealed class AlphaDropoutLayer : Layer
{
    // α′ = −λ·α of SELU.
    private const double SaturatedValue = -1.0507009873554804934193349852946 * 1.6732632423543772848170429916717;

    private readonly float _scale;
    private readonly float _shift;

    public AlphaDropoutLayer(float rate)
    {
        if (!(rate >= 0f && rate < 1f))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The alpha dropout rate must be in [0, 1).");
        Rate = rate;
        double keep = 1.0 - rate;
        double a = 1.0 / Math.Sqrt(keep * (1.0 + rate * SaturatedValue * SaturatedValue));
        _scale = (float)a;
        _shift = (float)(-a * SaturatedValue * rate);
    }

    public float Rate { get; }

    public override string Kind => "alpha_dropout";

    protected override int ComputeOutputSize(int inputSize) => inputSize;

    /// <summary>The keep mask (1 or 0) of the forward pass.</summary>
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
        var mask = scratch[..n];
        float dropped = (float)(_scale * SaturatedValue + _shift);
        for (int i = 0; i < n; i++)
        {
            bool keep = random.NextFloat() >= Rate;
            mask[i] = keep ? 1f : 0f;
            output[i] = keep ? _scale * input[i] + _shift : dropped;
        }
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
        {
            outputGradient[..n].CopyTo(inputGradient);
            return;
        }
        for (int i = 0; i < n; i++)
            inputGradient[i] = outputGradient[i] * scratch[i] * _scale;
    }

    public override string Describe() => $"alpha_dropout({Rate})";
}
