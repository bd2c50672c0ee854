namespace MLExtensions.Engine.Networks;

/// <summary>
/// Every buffer one forward and backward pass needs, sized once for a maximum batch, so that a training
/// step allocates nothing. A workspace serves one network and one pass at a time: give each thread its own.
/// </summary>
public sealed class NetworkWorkspace
{
    private readonly Network _network;
    private readonly float[][] _outputs;
    private readonly float[][] _gradients;
    private readonly float[][] _scratch;

    /// <summary>Allocates the buffers of <paramref name="network"/> for batches of up to <paramref name="maxBatch"/> rows.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBatch"/> is not positive, or a layer's buffer for
    /// that many rows would not fit in one array.</exception>
    public NetworkWorkspace(Network network, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (maxBatch <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, "The batch size must be positive.");
        _network = network;
        MaxBatch = maxBatch;
        int count = network.Layers.Count;
        _outputs = new float[count][];
        _gradients = new float[count][];
        _scratch = new float[count][];
        for (int i = 0; i < count; i++)
        {
            var layer = network.Layers[i];
            // Sizes in 64 bits, checked before anything is allocated. Every layer's scratch is at most a batch of its
            // inputs or outputs plus two values per input, so once that fits, ScratchSize cannot overflow.
            long widest = (long)maxBatch * Math.Max(layer.InputSize, layer.OutputSize) + 2L * layer.InputSize;
            if (widest > Array.MaxLength)
                throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch,
                    $"A batch of {maxBatch:N0} rows through layer {i + 1} ({layer.Describe()}, {layer.InputSize:N0} inputs, {layer.OutputSize:N0} outputs) " +
                    $"needs {widest:N0} values, more than one buffer holds ({Array.MaxLength:N0}); use a smaller batch.");
            _outputs[i] = new float[maxBatch * layer.OutputSize];
            _gradients[i] = new float[maxBatch * layer.OutputSize];
            _scratch[i] = new float[layer.ScratchSize(maxBatch)];
        }
    }

    /// <summary>The most rows one pass through this workspace may hold.</summary>
    public int MaxBatch { get; }

    internal Span<float> Output(int layer, int batch) => _outputs[layer].AsSpan(0, batch * _network.Layers[layer].OutputSize);

    internal Span<float> Gradient(int layer, int batch) => _gradients[layer].AsSpan(0, batch * _network.Layers[layer].OutputSize);

    internal Span<float> Scratch(int layer, int batch) => _scratch[layer].AsSpan(0, _network.Layers[layer].ScratchSize(batch));

    /// <summary>Where the caller writes ∂loss/∂outputs [batch × outputs] before <see cref="Network.Backward(NetworkWorkspace, Layers.LayerContext, ReadOnlySpan{float}, int)"/>.</summary>
    public Span<float> OutputGradient(int batch)
    {
        CheckFor(_network, batch);
        return Gradient(_network.Layers.Count - 1, batch);
    }

    internal void CheckFor(Network network, int batch)
    {
        if (!ReferenceEquals(network, _network))
            throw new ArgumentException("This workspace was made for another network.", nameof(network));
        if (batch <= 0 || batch > MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"The batch must hold 1 to {MaxBatch} rows for this workspace.");
    }
}
