using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Initializers;
using MLExtensions.Engine.Kernels;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Regularization;

namespace MLExtensions.Engine.Layers;

/// <summary>
/// Fully connected layer y = f(x·W + b). W is stored [inputs × units] so the forward pass is a plain
/// (batch × inputs)·(inputs × units) product; the parameter slice holds W then b.
/// </summary>
public sealed class DenseLayer : Layer
{
    /// <summary>A dense layer of <paramref name="units"/> outputs.</summary>
    /// <param name="units">The number of outputs, ≥ 1.</param>
    /// <param name="activation">f; <see langword="null"/> (the default) for the identity.</param>
    /// <param name="useBias">Whether the layer adds a learned bias b; default true.</param>
    /// <param name="kernelInitializer">
    /// How W starts; <see langword="null"/> (the default) for <see cref="Initializer.DefaultFor"/> the activation
    /// (He-normal for the ReLU family, LeCun-normal for SELU, Glorot-uniform otherwise).
    /// </param>
    /// <param name="biasInitializer">How b starts; <see langword="null"/> (the default) for zeros.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    public DenseLayer(int units, Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null)
    {
        if (units <= 0)
            throw new ArgumentOutOfRangeException(nameof(units), units, "A dense layer needs at least one unit.");
        Units = units;
        Activation = activation ?? Activation.FromName("identity");
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? Initializer.DefaultFor(Activation.Name);
        BiasInitializer = biasInitializer ?? Initializer.FromConfig(new("zeros"));
    }

    private float[] _columnNorms = Array.Empty<float>();
    private float? _maxNorm;

    /// <summary>The number of outputs, ≥ 1; also the layer's <see cref="Layer.OutputSize"/>.</summary>
    public int Units { get; }

    /// <summary>f, applied to x·W + b; the identity when none was given.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the layer adds a learned bias b (default true); without one <see cref="Bias"/> is empty.</summary>
    public bool UseBias { get; }

    /// <summary>How <see cref="Weights"/> start; by default the one <see cref="Initializer.DefaultFor"/> the activation gives.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>How <see cref="Bias"/> starts; zeros by default.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Penalty on the weights (L1, L2 or both), added to the loss.</summary>
    public WeightPenalty? KernelPenalty { get; set; }

    /// <summary>Penalty on the biases; usually left unset.</summary>
    public WeightPenalty? BiasPenalty { get; set; }

    /// <summary>When set, each unit's incoming weight vector is rescaled to this L2 norm at most after every update.</summary>
    public float? MaxNorm
    {
        get => _maxNorm;
        set
        {
            if (value is { } norm && !(norm > 0f && float.IsFinite(norm)))
                throw new ArgumentOutOfRangeException(nameof(MaxNorm), norm, "The max-norm bound must be positive and finite.");
            _maxNorm = value;
        }
    }

    /// <inheritdoc/>
    public override string Kind => "dense";

    internal bool HasActivation => Activation.Name != "identity";

    /// <inheritdoc/>
    protected override int ComputeOutputSize(int inputSize)
    {
        // Counted in 64 bits: inputs × units overflows an int long before it exhausts memory (65,536² wraps to 0).
        long parameters = (long)inputSize * Units + (UseBias ? Units : 0);
        if (parameters > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize,
                $"A dense layer of {inputSize:N0} inputs and {Units:N0} units has {parameters:N0} weights, more than one buffer holds " +
                $"({Array.MaxLength:N0}); use fewer units or features.");
        return Units;
    }

    /// <summary>inputs·units + units (inputs·units without a bias) once built.</summary>
    public override int ParameterCount => InputSize * Units + (UseBias ? Units : 0);

    /// <summary>The pre-activation x·W + b, kept for the backward pass when there is an activation.</summary>
    public override int ScratchSize(int batch) => HasActivation ? batch * Units : 0;

    /// <summary>W, row-major [<see cref="Layer.InputSize"/> × <see cref="Units"/>]: the first part of <see cref="Layer.Parameters"/>.</summary>
    public Span<float> Weights => Parameters[..(InputSize * Units)];

    /// <summary>b, <see cref="Units"/> values after <see cref="Weights"/> in <see cref="Layer.Parameters"/>; empty without a bias.</summary>
    public Span<float> Bias => UseBias ? Parameters[(InputSize * Units)..] : Span<float>.Empty;

    /// <summary>∂loss/∂W, laid out as <see cref="Weights"/>.</summary>
    public Span<float> WeightGradients => Gradients[..(InputSize * Units)];

    /// <summary>∂loss/∂b, laid out as <see cref="Bias"/>; empty without a bias.</summary>
    public Span<float> BiasGradients => UseBias ? Gradients[(InputSize * Units)..] : Span<float>.Empty;

    /// <summary>Fills W with <see cref="KernelInitializer"/> (fans: inputs, units), then b with <see cref="BiasInitializer"/>.</summary>
    public override void InitializeParameters(RandomSource random)
    {
        KernelInitializer.Initialize(Weights, InputSize, Units, random);
        if (UseBias)
            BiasInitializer.Initialize(Bias, InputSize, Units, random);
    }

    /// <summary><see cref="KernelPenalty"/> of W plus <see cref="BiasPenalty"/> of b, each when set.</summary>
    public override double PenaltyValue()
    {
        double penalty = 0;
        if (KernelPenalty is not null)
            penalty += KernelPenalty.Value(Weights);
        if (BiasPenalty is not null && UseBias)
            penalty += BiasPenalty.Value(Bias);
        return penalty;
    }

    /// <summary>
    /// Adds the gradients of <see cref="KernelPenalty"/> to ∂loss/∂W and of <see cref="BiasPenalty"/> to ∂loss/∂b, each when
    /// set, within the part [<paramref name="offset"/>, +<paramref name="length"/>) of the layer's parameters.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The part lies outside the layer's parameters.</exception>
    public override void AddPenaltyGradients(int offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset > ParameterCount - length)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"The part [{offset}, {offset + (long)length}) lies outside the layer's {ParameterCount} parameters.");
        int weightCount = InputSize * Units;
        if (KernelPenalty is not null && offset < weightCount)
        {
            int end = Math.Min(weightCount, offset + length);
            KernelPenalty.AddGradient(Weights[offset..end], WeightGradients[offset..end]);
        }
        if (BiasPenalty is not null && UseBias && offset + length > weightCount)
        {
            int start = Math.Max(offset, weightCount) - weightCount, end = offset + length - weightCount;
            BiasPenalty.AddGradient(Bias[start..end], BiasGradients[start..end]);
        }
    }

    /// <summary>The weight gradient's product reports each block of ∂loss/∂W as it finishes; the bias gradient follows its sum.</summary>
    internal override bool ReportsFinishedGradients => true;

    /// <summary>Rescales each unit's incoming weight column to an L2 norm of at most <see cref="MaxNorm"/>, when set.</summary>
    public override void ApplyConstraints()
    {
        if (_maxNorm is not { } bound)
            return;
        if (_columnNorms.Length != Units)
            _columnNorms = new float[Units];
        Regularization.MaxNorm.Apply(Weights, InputSize, Units, bound, _columnNorms);
    }

    /// <inheritdoc/>
    public override void Forward(LayerContext context, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch, int batch)
    {
        int n = batch * Units;
        // In training the backward pass needs the pre-activation, so it goes to scratch; at inference the
        // activation runs in place over the output.
        Span<float> preActivation = HasActivation && context.Training ? scratch[..n] : output[..n];
        if (UseBias)
            Gemm.Multiply(Transpose.None, Transpose.None, batch, Units, InputSize,
                1f, input, InputSize, Weights, Units, 0f, preActivation, Units, Bias, context.Pool);
        else
            Gemm.Multiply(Transpose.None, Transpose.None, batch, Units, InputSize,
                1f, input, InputSize, Weights, Units, 0f, preActivation, Units, context.Pool);
        if (HasActivation)
            Activation.Forward(preActivation, output[..n]);
    }

    /// <inheritdoc/>
    public override void Backward(LayerContext context, BackwardPass pass)
    {
        int n = pass.Batch * Units;
        Span<float> delta = pass.OutputGradient[..n];
        if (HasActivation)
            Activation.Backward(pass.Scratch[..n], pass.Output[..n], delta, delta);

        // dx = δ·Wᵀ, db = Σ_rows δ, dW = xᵀ·δ. dx comes first: a listener may move W as soon as the blocks of dW are final.
        if (!pass.InputGradient.IsEmpty)
            Gemm.Multiply(Transpose.None, Transpose.Transposed, pass.Batch, InputSize, Units,
                1f, delta, Units, Weights, Units, 0f, pass.InputGradient, InputSize, context.Pool);
        if (UseBias)
        {
            MatrixKernels.ColumnSums(delta, pass.Batch, Units, Units, BiasGradients, accumulate: false);
            pass.Listener?.GradientsFinished(pass.LayerIndex, InputSize * Units, Units);
        }
        WeightGradientBlocks? blocks = null;
        if (pass.Listener is { } listener)
        {
            blocks = _weightGradientBlocks ??= new WeightGradientBlocks(Units);
            blocks.Listen(listener, pass.LayerIndex);
        }
        try
        {
            Gemm.Multiply(GemmInstructionSet.Auto, Transpose.Transposed, Transpose.None, InputSize, Units, pass.Batch,
                1f, pass.Input, InputSize, delta, Units, 0f, WeightGradients, Units, default, hasBias: false, context.Pool, blocks);
        }
        finally
        {
            blocks?.Listen(null, -1);
        }
    }

    // Made on first need and kept: a step allocates nothing.
    private WeightGradientBlocks? _weightGradientBlocks;

    /// <summary>Turns the finished blocks of dW (rows of inputs × columns of units) into parts of the layer's parameters.</summary>
    private sealed class WeightGradientBlocks(int units) : IGemmBlockFinished
    {
        private IBackwardListener? _listener;
        private int _layerIndex;

        public void Listen(IBackwardListener? listener, int layerIndex)
        {
            _listener = listener;
            _layerIndex = layerIndex;
        }

        public void BlockFinished(int firstRow, int rows, int firstColumn, int columns)
        {
            // W is row-major [inputs × units]: a block as wide as W is one contiguous part, a narrower one a part per row.
            if (columns == units)
            {
                _listener!.GradientsFinished(_layerIndex, firstRow * units, rows * units);
                return;
            }
            for (int row = firstRow; row < firstRow + rows; row++)
                _listener!.GradientsFinished(_layerIndex, row * units + firstColumn, columns);
        }
    }

    /// <inheritdoc/>
    public override string Describe() =>
        $"dense({Units}, {Activation.Name}{(UseBias ? "" : ", no bias")})";
}
