using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Layers;

/// <summary>
/// Alpha dropout for self-normalizing (SELU) networks (Klambauer et al., 2017): dropped values are set to
/// SELU's negative saturation α′ and an affine correction a·x + b restores zero mean and unit variance,
/// which plain dropout would break. Identity at inference.
/// </summary>
public sealed class AlphaDropoutLayer : DropoutLayerBase
{
    // α′ = −λ·α of SELU.
    private const double SaturatedValue = -1.0507009873554804934193349852946 * 1.6732632423543772848170429916717;

    private readonly float _scale;
    private readonly float _shift;

    /// <summary>An alpha-dropout layer.</summary>
    /// <param name="rate">The probability of dropping each value in training, in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1) or NaN.</exception>
    public AlphaDropoutLayer(float rate)
        : base(rate, "alpha dropout")
    {
        double keep = 1.0 - rate;
        double a = 1.0 / Math.Sqrt(keep * (1.0 + rate * SaturatedValue * SaturatedValue));
        _scale = (float)a;
        _shift = (float)(-a * SaturatedValue * rate);
    }

    /// <inheritdoc/>
    public override string Kind => "alpha_dropout";

    /// <summary>The mask is 1 or 0 per value; kept values go through a·x + b, dropped ones become a·α′ + b.</summary>
    private protected override void Drop(RandomSource random, ReadOnlySpan<float> input, Span<float> output, Span<float> mask)
    {
        float dropped = (float)(_scale * SaturatedValue + _shift);
        for (int i = 0; i < mask.Length; i++)
        {
            bool keep = random.NextFloat() >= Rate;
            mask[i] = keep ? 1f : 0f;
            output[i] = keep ? _scale * input[i] + _shift : dropped;
        }
    }

    private protected override void BackwardThroughMask(ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> mask, Span<float> inputGradient)
    {
        for (int i = 0; i < inputGradient.Length; i++)
            inputGradient[i] = outputGradient[i] * mask[i] * _scale;
    }
}
