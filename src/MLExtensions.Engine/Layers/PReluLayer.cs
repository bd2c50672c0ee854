using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Layers;

/// <summary>
/// Parametric ReLU: y = x for x > 0, αⱼ·x otherwise, with one learned slope αⱼ per unit
/// (He et al., 2015). Slopes start at <see cref="InitialSlope"/>.
/// </summary>
public sealed class PReluLayer : Layer
{
    /// <summary>A PReLU layer whose slopes start at <paramref name="initialSlope"/>.</summary>
    /// <param name="initialSlope">The starting slope of every unit; finite, default 0.25 (He et al. and PyTorch; Keras starts at 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialSlope"/> is NaN or infinite.</exception>
    public PReluLayer(float initialSlope = 0.25f)
    {
        if (!float.IsFinite(initialSlope))
            throw new ArgumentOutOfRangeException(nameof(initialSlope), initialSlope, "The initial slope must be finite.");
        InitialSlope = initialSlope;
    }

    /// <summary>The value every slope takes when the parameters are initialized; default 0.25.</summary>
    public float InitialSlope { get; }

    /// <inheritdoc/>
    public override string Kind => "prelu";

    /// <inheritdoc/>
    protected override int ComputeOutputSize(int inputSize) => inputSize;

    /// <summary>One slope per unit: the input width once built.</summary>
    public override int ParameterCount => InputSize;

    /// <summary>The learned slopes αⱼ, one per unit: the whole of <see cref="Layer.Parameters"/>.</summary>
    public Span<float> Slopes => Parameters;

    /// <summary>Sets every slope to <see cref="InitialSlope"/>; draws nothing.</summary>
    public override void InitializeParameters(RandomSource random) => Slopes.Fill(InitialSlope);

    /// <inheritdoc/>
    public override void Forward(LayerContext context, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch, int batch)
    {
        int width = InputSize;
        ReadOnlySpan<float> slopes = Parameters;
        for (int row = 0; row < batch; row++)
        {
            var x = input.Slice(row * width, width);
            var y = output.Slice(row * width, width);
            for (int j = 0; j < width; j++)
                y[j] = x[j] > 0f ? x[j] : slopes[j] * x[j];
        }
    }

    /// <inheritdoc/>
    public override void Backward(LayerContext context, BackwardPass pass)
    {
        int width = InputSize;
        ReadOnlySpan<float> slopes = Parameters;
        Span<float> slopeGradients = Gradients;
        slopeGradients.Clear();
        for (int row = 0; row < pass.Batch; row++)
        {
            var x = pass.Input.Slice(row * width, width);
            var dy = pass.OutputGradient.Slice(row * width, width);
            for (int j = 0; j < width; j++)
            {
                if (x[j] <= 0f)
                    slopeGradients[j] += dy[j] * x[j];
            }
            if (!pass.InputGradient.IsEmpty)
            {
                var dx = pass.InputGradient.Slice(row * width, width);
                for (int j = 0; j < width; j++)
                    dx[j] = x[j] > 0f ? dy[j] : slopes[j] * dy[j];
            }
        }
    }

    /// <inheritdoc/>
    public override string Describe() => "prelu";
}
