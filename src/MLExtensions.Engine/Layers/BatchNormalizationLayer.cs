using System.Numerics.Tensors;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Layers;

/// <summary>
/// Batch normalization (Ioffe &amp; Szegedy, 2015): in training each feature is standardized with the
/// batch's mean and (biased) variance, then scaled by a learned γ and shifted by a learned β; exponential
/// moving averages of the batch statistics replace them at inference. Defaults as Keras: momentum 0.99,
/// epsilon 1e-3. The parameter slice holds γ then β; the moving mean and variance are non-trainable
/// <see cref="Layer.State"/>.
/// </summary>
public sealed class BatchNormalizationLayer : Layer
{
    private float[] _state = Array.Empty<float>();

    /// <summary>A batch-normalization layer.</summary>
    /// <param name="momentum">The weight of the old moving statistics in each update, in [0, 1); default 0.99 (Keras).</param>
    /// <param name="epsilon">Added to the variance before the square root; positive and finite, default 1e-3 (Keras).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of its range or NaN.</exception>
    public BatchNormalizationLayer(float momentum = 0.99f, float epsilon = 1e-3f)
    {
        if (!(momentum >= 0f && momentum < 1f))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "The momentum must be in [0, 1).");
        if (!(epsilon > 0f) || !float.IsFinite(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be positive and finite.");
        Momentum = momentum;
        Epsilon = epsilon;
    }

    /// <summary>
    /// The weight of the old moving statistics: moving = momentum·moving + (1 − momentum)·batch, after every training
    /// step; in [0, 1), default 0.99.
    /// </summary>
    public float Momentum { get; }

    /// <summary>Added to the variance before the square root; positive, default 1e-3.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    public override string Kind => "batch_normalization";

    /// <inheritdoc/>
    protected override int ComputeOutputSize(int inputSize)
    {
        if (2L * inputSize > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"Batch normalization of {inputSize:N0} features needs more values than one buffer holds.");
        _state = new float[2 * inputSize];
        _state.AsSpan(inputSize).Fill(1f);
        return inputSize;
    }

    /// <summary>2·inputs once built: γ then β, one of each per feature.</summary>
    public override int ParameterCount => 2 * InputSize;

    /// <summary>The moving mean and the moving variance, one of each per feature.</summary>
    public override long StateLengthFor(int inputSize) => 2L * inputSize;

    /// <inheritdoc/>
    public override Span<float> State => _state;

    /// <summary>The learned scale γ, one per feature (the first half of <see cref="Layer.Parameters"/>); starts at 1.</summary>
    public Span<float> Gamma => Parameters[..InputSize];

    /// <summary>The learned shift β, one per feature (the second half of <see cref="Layer.Parameters"/>); starts at 0.</summary>
    public Span<float> Beta => Parameters[InputSize..];

    /// <summary>The moving mean per feature, used at inference (the first half of <see cref="State"/>); starts at 0.</summary>
    public Span<float> MovingMean => _state.AsSpan(0, InputSize);

    /// <summary>The moving (biased) variance per feature, used at inference (the second half of <see cref="State"/>); starts at 1.</summary>
    public Span<float> MovingVariance => _state.AsSpan(InputSize, InputSize);

    /// <summary>x̂ for the backward pass, then 1/√(σ²+ε), then the batch mean.</summary>
    public override int ScratchSize(int batch) => batch * InputSize + 2 * InputSize;

    /// <summary>γ = 1, β = 0, and the moving statistics back to mean 0 and variance 1; draws nothing.</summary>
    public override void InitializeParameters(RandomSource random)
    {
        Gamma.Fill(1f);
        Beta.Clear();
        MovingMean.Clear();
        MovingVariance.Fill(1f);
    }

    /// <inheritdoc/>
    public override void Forward(LayerContext context, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch, int batch)
    {
        int width = InputSize;
        // A frozen batch normalization runs in inference mode, as in Keras, so fine-tuning the layers
        // around it does not drag its statistics toward the new data.
        if (!context.Training || !Trainable)
        {
            ForwardInference(input, output, batch, scratch[..width]);
            return;
        }

        var normalized = scratch[..(batch * width)];
        var inverseStd = scratch.Slice(batch * width, width);
        var mean = scratch.Slice(batch * width + width, width);

        mean.Clear();
        for (int row = 0; row < batch; row++)
            TensorPrimitives.Add(mean, input.Slice(row * width, width), mean);
        TensorPrimitives.Multiply(mean, 1f / batch, mean);

        // Two passes (mean, then squared deviations) keep the variance accurate when |mean| ≫ σ.
        inverseStd.Clear();
        for (int row = 0; row < batch; row++)
        {
            var centered = normalized.Slice(row * width, width);
            TensorPrimitives.Subtract(input.Slice(row * width, width), mean, centered);
            TensorPrimitives.MultiplyAdd(centered, centered, inverseStd, inverseStd);
        }
        var variance = inverseStd;
        TensorPrimitives.Multiply(variance, 1f / batch, variance);

        float keep = Momentum, take = 1f - Momentum;
        for (int j = 0; j < width; j++)
        {
            MovingMean[j] = keep * MovingMean[j] + take * mean[j];
            MovingVariance[j] = keep * MovingVariance[j] + take * variance[j];
            inverseStd[j] = 1f / MathF.Sqrt(variance[j] + Epsilon);
        }

        ReadOnlySpan<float> gamma = Gamma, beta = Beta;
        for (int row = 0; row < batch; row++)
        {
            var xHat = normalized.Slice(row * width, width);
            TensorPrimitives.Multiply(xHat, inverseStd, xHat);
            TensorPrimitives.MultiplyAdd(xHat, gamma, beta, output.Slice(row * width, width));
        }
    }

    private void ForwardInference(ReadOnlySpan<float> input, Span<float> output, int batch, Span<float> scale)
    {
        int width = InputSize;
        // y = γ(x − μ)/√(v+ε) + β folded into y = x·s + (β − μ·s), so inference is one fused multiply-add per value.
        for (int j = 0; j < width; j++)
            scale[j] = Gamma[j] / MathF.Sqrt(MovingVariance[j] + Epsilon);
        for (int row = 0; row < batch; row++)
        {
            var x = input.Slice(row * width, width);
            var y = output.Slice(row * width, width);
            TensorPrimitives.Subtract(x, MovingMean, y);
            TensorPrimitives.MultiplyAdd(y, scale, Beta, y);
        }
    }

    /// <inheritdoc/>
    public override void Backward(LayerContext context, BackwardPass pass)
    {
        int width = InputSize;
        if (!Trainable)
        {
            if (!pass.InputGradient.IsEmpty)
                BackwardFrozen(pass.OutputGradient, pass.InputGradient, pass.Batch, pass.Scratch[..width]);
            return;
        }
        ReadOnlySpan<float> normalized = pass.Scratch[..(pass.Batch * width)];
        ReadOnlySpan<float> inverseStd = pass.Scratch.Slice(pass.Batch * width, width);
        var gammaGradient = Gradients[..width];
        var betaGradient = Gradients[width..];

        gammaGradient.Clear();
        betaGradient.Clear();
        for (int row = 0; row < pass.Batch; row++)
        {
            var dy = pass.OutputGradient.Slice(row * width, width);
            TensorPrimitives.Add(betaGradient, dy, betaGradient);
            TensorPrimitives.MultiplyAdd(dy, normalized.Slice(row * width, width), gammaGradient, gammaGradient);
        }
        if (pass.InputGradient.IsEmpty)
            return;

        // dx = γ·invStd/N · (N·dy − Σdy − x̂·Σ(dy·x̂)); Σdy = dβ and Σ(dy·x̂) = dγ.
        ReadOnlySpan<float> gamma = Gamma;
        float inverseBatch = 1f / pass.Batch;
        for (int row = 0; row < pass.Batch; row++)
        {
            var dy = pass.OutputGradient.Slice(row * width, width);
            var xHat = normalized.Slice(row * width, width);
            var dx = pass.InputGradient.Slice(row * width, width);
            for (int j = 0; j < width; j++)
            {
                float centered = dy[j] - inverseBatch * (betaGradient[j] + xHat[j] * gammaGradient[j]);
                dx[j] = gamma[j] * inverseStd[j] * centered;
            }
        }
    }

    private void BackwardFrozen(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, Span<float> scale)
    {
        int width = InputSize;
        for (int j = 0; j < width; j++)
            scale[j] = Gamma[j] / MathF.Sqrt(MovingVariance[j] + Epsilon);
        for (int row = 0; row < batch; row++)
            TensorPrimitives.Multiply(outputGradient.Slice(row * width, width), scale, inputGradient.Slice(row * width, width));
    }

    /// <inheritdoc/>
    public override string Describe() => $"batch_normalization(momentum {Momentum}, epsilon {Epsilon})";
}
