using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Layers;

/// <summary>
/// One step of a sequential network. Each layer writes its forward and its backward side by side and
/// keeps no per-batch state of its own: whatever the backward pass needs from the forward pass lives in
/// the <c>scratch</c> span the network hands it (sized by <see cref="ScratchSize"/>), and its parameters
/// and their gradients are slices of the network's two flat buffers (bound by <see cref="Bind"/>), so an
/// optimizer or a clipping rule runs over one span for the whole network.
/// Buffers are row-major [batch × width].
/// </summary>
public abstract class Layer
{
    private Memory<float> _parameters;
    private Memory<float> _gradients;

    /// <summary>The width of one input row, fixed when the network builds the layer; −1 until then.</summary>
    public int InputSize { get; private set; } = -1;

    /// <summary>The width of one output row, fixed when the network builds the layer; −1 until then.</summary>
    public int OutputSize { get; private set; } = -1;

    /// <summary>Whether the network has built the layer for an input width; a built layer cannot be rebuilt for another width.</summary>
    public bool IsBuilt => InputSize >= 0;

    /// <summary>
    /// False freezes the layer: the network zeroes its gradients, the trainers leave its parameters out of every
    /// optimizer update (so neither momentum nor decoupled weight decay moves them) and skip its penalties and
    /// constraints, and a frozen batch normalization runs in inference mode. Default true.
    /// </summary>
    public bool Trainable { get; set; } = true;

    /// <summary>The layer's kind as it appears in summaries and saved models, e.g. "dense".</summary>
    public abstract string Kind { get; }

    /// <summary>Number of trainable parameters once built.</summary>
    public virtual int ParameterCount => 0;

    /// <summary>
    /// Non-trainable values the layer keeps between passes (batch normalization's moving statistics).
    /// They live outside the trainable buffer so that no optimizer or weight decay ever touches them.
    /// </summary>
    public virtual Span<float> State => Span<float>.Empty;

    /// <summary>
    /// Length of <see cref="State"/> once built for <paramref name="inputSize"/> inputs, known before building, so a loader
    /// can compare it with the state a file holds before the build allocates it.
    /// </summary>
    public virtual long StateLengthFor(int inputSize) => 0;

    /// <summary>Floats of scratch the layer needs for a batch of <paramref name="batch"/> rows.</summary>
    public virtual int ScratchSize(int batch) => 0;

    internal void Build(int inputSize)
    {
        if (inputSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"The {Kind} layer needs a positive input size.");
        if (IsBuilt && InputSize != inputSize)
            throw new InvalidOperationException(
                $"This {Kind} layer is already built for {InputSize} inputs and cannot be reused for {inputSize}.");
        OutputSize = ComputeOutputSize(inputSize);
        InputSize = inputSize;
    }

    /// <summary>
    /// The output width for <paramref name="inputSize"/> inputs; called once when the layer is built, so a layer
    /// may also size its non-trainable <see cref="State"/> here.
    /// </summary>
    /// <param name="inputSize">The width of one input row, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The layer's buffers for this width would exceed one array.</exception>
    protected abstract int ComputeOutputSize(int inputSize);

    internal void Bind(Memory<float> parameters, Memory<float> gradients)
    {
        _parameters = parameters;
        _gradients = gradients;
    }

    /// <summary>
    /// The layer's trainable parameters, <see cref="ParameterCount"/> floats: its slice of the network's flat
    /// parameter buffer (empty until the network binds it). The layout is the layer's own; see its summary.
    /// </summary>
    public Span<float> Parameters => _parameters.Span;

    /// <summary>The gradients of the loss with respect to <see cref="Parameters"/>, element for element, as the last backward pass wrote them.</summary>
    public Span<float> Gradients => _gradients.Span;

    /// <summary>Sets the parameters to their initial values; draws only from <paramref name="random"/>.</summary>
    public virtual void InitializeParameters(RandomSource random)
    {
    }

    /// <summary>
    /// The layer's weight penalty at its current parameters, which the trainer adds to the reported loss; reads the
    /// parameters only, so a trainer can check it before any update of the step. 0 for a layer without penalties.
    /// </summary>
    public virtual double PenaltyValue() => 0;

    /// <summary>
    /// Adds the gradient of the layer's weight penalties to <see cref="Gradients"/>[<paramref name="offset"/>, +<paramref name="length"/>)
    /// (the whole layer is 0 and <see cref="ParameterCount"/>). Called once those gradients are final in every training step,
    /// before their update; parts may be added concurrently from several threads, so only the part given is touched.
    /// </summary>
    /// <param name="offset">The first parameter of the part, within the layer.</param>
    /// <param name="length">The part's length.</param>
    public virtual void AddPenaltyGradients(int offset, int length)
    {
    }

    /// <summary>
    /// Whether <see cref="Backward"/> tells <see cref="BackwardPass.Listener"/> of every part of its gradients as soon as
    /// that part is final; the others are updated once their whole backward pass is done.
    /// </summary>
    internal virtual bool ReportsFinishedGradients => false;

    /// <summary>Projects the parameters back onto their constraints (max-norm) after each update.</summary>
    public virtual void ApplyConstraints()
    {
    }

    /// <summary>
    /// Computes the output of a built layer for <paramref name="batch"/> rows. In a training pass the layer also
    /// writes into <paramref name="scratch"/> what <see cref="Backward"/> will need.
    /// </summary>
    /// <param name="context">The worker pool, whether this is a training pass, and the random source.</param>
    /// <param name="input">[batch × <see cref="InputSize"/>] values, row-major; may be longer (the prefix is used).</param>
    /// <param name="output">Receives [batch × <see cref="OutputSize"/>] values, row-major; may be longer.</param>
    /// <param name="scratch">At least <see cref="ScratchSize"/>(<paramref name="batch"/>) floats, handed unchanged to the backward pass.</param>
    /// <param name="batch">The number of rows, ≥ 1.</param>
    public abstract void Forward(LayerContext context, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch, int batch);

    /// <summary>
    /// Writes the gradients of this layer's parameters (overwriting, not accumulating) and, unless
    /// <see cref="BackwardPass.InputGradient"/> is empty (the first layer), the gradient of the loss with respect
    /// to the layer's input. The layer may overwrite <see cref="BackwardPass.OutputGradient"/>.
    /// </summary>
    public abstract void Backward(LayerContext context, BackwardPass pass);

    /// <summary>Describes the layer's configuration for summaries and saving, e.g. "dense(300, relu)".</summary>
    public abstract string Describe();

    /// <summary>The <see cref="Describe"/> text, for example <c>dense(300, relu)</c>.</summary>
    public override string ToString() => Describe();
}
