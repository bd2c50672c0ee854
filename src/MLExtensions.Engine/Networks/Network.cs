using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Networks;

/// <summary>
/// A sequential stack of layers whose parameters live in one contiguous buffer and whose gradients
/// live in another of the same length, each layer owning a slice of both.
/// </summary>
public sealed class Network
{
    private readonly Layer[] _layers;
    private readonly float[] _parameters;
    private readonly float[] _gradients;

    /// <summary>
    /// Stacks <paramref name="layers"/> in order on <paramref name="inputSize"/> inputs: each layer is built for the width
    /// of the one before it and bound to its slice of the parameter and gradient buffers. The parameters start at zero:
    /// call <see cref="InitializeParameters"/> before training.
    /// </summary>
    /// <param name="inputSize">Features per row; positive.</param>
    /// <param name="layers">The layers, first to last; at least one, each instance once.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputSize"/> is not positive.</exception>
    /// <exception cref="ArgumentException">There are no layers, a layer instance appears twice, or the parameters do not
    /// fit in one array.</exception>
    /// <exception cref="InvalidOperationException">A layer is already built for a different input size.</exception>
    public Network(int inputSize, IEnumerable<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (inputSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "A network needs at least one input.");
        _layers = layers.ToArray();
        if (_layers.Length == 0)
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        if (_layers.Distinct().Count() != _layers.Length)
            throw new ArgumentException("The same layer instance appears twice; give each position its own layer.", nameof(layers));

        int width = inputSize;
        long total = 0;
        foreach (var layer in _layers)
        {
            layer.Build(width);
            width = layer.OutputSize;
            total += layer.ParameterCount;
        }
        if (total > Array.MaxLength)
            throw new ArgumentException($"The network has {total:N0} parameters, more than one buffer holds ({Array.MaxLength:N0}).", nameof(layers));

        InputSize = inputSize;
        OutputSize = width;
        _parameters = new float[total];
        _gradients = new float[total];
        int offset = 0;
        foreach (var layer in _layers)
        {
            int count = layer.ParameterCount;
            layer.Bind(_parameters.AsMemory(offset, count), _gradients.AsMemory(offset, count));
            offset += count;
        }
    }

    /// <summary>
    /// Transfer learning: a new network made of this one's first <paramref name="keepLayers"/> layers, with
    /// their current parameters and state, topped by <paramref name="newLayers"/> (fresh, to be initialized
    /// with <see cref="InitializeNewLayers"/>). The kept layers move to the new network, so this one must not
    /// be used afterwards.
    /// </summary>
    /// <param name="keepLayers">How many of the first layers to keep; 0 to the layer count.</param>
    /// <param name="newLayers">The fresh layers to put on top.</param>
    /// <exception cref="ArgumentNullException"><paramref name="newLayers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keepLayers"/> is out of range.</exception>
    /// <exception cref="InvalidOperationException">This network already gave its layers away.</exception>
    public Network ReplaceTop(int keepLayers, params Layer[] newLayers)
    {
        ArgumentNullException.ThrowIfNull(newLayers);
        if (keepLayers < 0 || keepLayers > _layers.Length)
            throw new ArgumentOutOfRangeException(nameof(keepLayers), keepLayers, $"Keep between 0 and {_layers.Length} layers.");
        CheckAttached();
        var kept = _layers[..keepLayers];
        var keptParameters = kept.Select(l => l.Parameters.ToArray()).ToArray();
        var result = new Network(InputSize, kept.Concat(newLayers));
        for (int i = 0; i < kept.Length; i++)
            keptParameters[i].CopyTo(kept[i].Parameters);
        result._firstNewLayer = keepLayers;
        _detached = true;
        return result;
    }

    private int _firstNewLayer;
    private bool _detached;

    /// <summary>Initializes only the layers <see cref="ReplaceTop"/> added (all of them on a network not made by it).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public void InitializeNewLayers(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = _firstNewLayer; i < _layers.Length; i++)
            _layers[i].InitializeParameters(random);
        MarkParametersChanged();
    }

    private void CheckAttached()
    {
        if (_detached)
            throw new InvalidOperationException("This network gave its layers to another network (ReplaceTop); use that one instead.");
    }

    /// <summary>A table of the layers with their output sizes and parameter counts, like Keras's <c>model.summary()</c>.</summary>
    public NetworkSummary Summary() => new(this);

    /// <inheritdoc cref="Network(int, IEnumerable{Layer})"/>
    public Network(int inputSize, params Layer[] layers)
        : this(inputSize, (IEnumerable<Layer>)layers)
    {
    }

    /// <summary>Features per input row.</summary>
    public int InputSize { get; }

    /// <summary>Values per output row: the last layer's output size.</summary>
    public int OutputSize { get; }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The length of <see cref="Parameters"/> and <see cref="Gradients"/>: every layer's parameters, frozen ones
    /// included, without the non-trainable state (batch-normalization statistics).</summary>
    public int ParameterCount => _parameters.Length;

    /// <summary>Every layer's parameters, in layer order. Code that writes them directly, rather than through the engine's
    /// own calls (initialization, restoring, training steps), calls <see cref="MarkParametersChanged"/> afterwards.</summary>
    public Span<float> Parameters => _parameters;

    /// <summary>Counts the changes of <see cref="Parameters"/> made through the engine, so that a copy derived from them
    /// (the packed weights of <see cref="PackedInference"/>) can tell it is out of date.</summary>
    public long ParameterVersion => Interlocked.Read(ref _parameterVersion);

    private long _parameterVersion;

    /// <summary>Records that <see cref="Parameters"/> changed.</summary>
    public void MarkParametersChanged() => Interlocked.Increment(ref _parameterVersion);

    /// <summary>The gradients of the last backward pass, aligned with <see cref="Parameters"/>.</summary>
    public Span<float> Gradients => _gradients;

    /// <summary>Where the slice of layer <paramref name="layerIndex"/> (0-based) starts in <see cref="Parameters"/> and
    /// <see cref="Gradients"/>; the layer count gives <see cref="ParameterCount"/>.</summary>
    public int ParameterOffset(int layerIndex)
    {
        int offset = 0;
        for (int i = 0; i < layerIndex; i++)
            offset += _layers[i].ParameterCount;
        return offset;
    }

    /// <summary>Initializes every layer in order from one seeded source, so a seed fixes the whole network.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public void InitializeParameters(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        foreach (var layer in _layers)
            layer.InitializeParameters(random);
        MarkParametersChanged();
    }

    /// <summary>
    /// Runs the forward pass of <paramref name="batch"/> rows; the returned span (the last layer's output)
    /// lives in <paramref name="workspace"/> and stays valid until its next pass.
    /// </summary>
    /// <param name="workspace">A workspace made for this network and at least <paramref name="batch"/> rows.</param>
    /// <param name="context">Training or inference mode, the worker pool and the random source of random layers.</param>
    /// <param name="input">The rows, [batch × <see cref="InputSize"/>], row-major; extra values are ignored.</param>
    /// <param name="batch">The number of rows; 1 to the workspace's <see cref="NetworkWorkspace.MaxBatch"/>.</param>
    /// <exception cref="ArgumentException">The workspace was made for another network, or the input is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is out of range.</exception>
    /// <exception cref="InvalidOperationException">This network gave its layers to another (<see cref="ReplaceTop"/>).</exception>
    public ReadOnlySpan<float> Forward(NetworkWorkspace workspace, LayerContext context, ReadOnlySpan<float> input, int batch)
    {
        CheckAttached();
        workspace.CheckFor(this, batch);
        if (input.Length < batch * InputSize)
            throw new ArgumentException($"The input holds {input.Length} values; {batch} rows of {InputSize} need {batch * InputSize}.", nameof(input));

        ReadOnlySpan<float> current = input[..(batch * InputSize)];
        for (int i = 0; i < _layers.Length; i++)
        {
            var output = workspace.Output(i, batch);
            _layers[i].Forward(context, current, output, workspace.Scratch(i, batch), batch);
            current = output;
        }
        return current;
    }

    /// <summary>
    /// Back-propagates the gradient of the loss with respect to the network's outputs, which the caller
    /// has written into <see cref="NetworkWorkspace.OutputGradient"/>, through the activations of the
    /// preceding <see cref="Forward"/> pass (same workspace, input and batch). Fills <see cref="Gradients"/>;
    /// a frozen layer's gradients are zero.
    /// </summary>
    /// <exception cref="ArgumentException">The workspace was made for another network.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is not within 1 to the workspace's <see cref="NetworkWorkspace.MaxBatch"/>.</exception>
    public void Backward(NetworkWorkspace workspace, LayerContext context, ReadOnlySpan<float> input, int batch) =>
        Backward(workspace, context, input, batch, listener: null);

    /// <summary>
    /// <see cref="Backward(NetworkWorkspace, LayerContext, ReadOnlySpan{float}, int)"/>, telling <paramref name="listener"/>
    /// of each trainable layer's gradients as soon as they are final: no later part of the pass reads those parameters, so a
    /// trainer may update them there while the gradients are still in cache. Frozen layers are never reported.
    /// </summary>
    internal void Backward(NetworkWorkspace workspace, LayerContext context, ReadOnlySpan<float> input, int batch, IBackwardListener? listener)
    {
        workspace.CheckFor(this, batch);
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            var layer = _layers[i];
            ReadOnlySpan<float> layerInput = i == 0 ? input[..(batch * InputSize)] : workspace.Output(i - 1, batch);
            // The first layer's input gradient is never used, and no layer below a frozen prefix needs one.
            bool needInputGradient = i > 0 && AnyTrainableBelow(i);
            Span<float> inputGradient = needInputGradient ? workspace.Gradient(i - 1, batch) : Span<float>.Empty;
            if (!layer.Trainable && !needInputGradient)
            {
                layer.Gradients.Clear();
                continue;
            }
            layer.Backward(context, new BackwardPass
            {
                Input = layerInput,
                Output = workspace.Output(i, batch),
                OutputGradient = workspace.Gradient(i, batch),
                InputGradient = inputGradient,
                Scratch = workspace.Scratch(i, batch),
                Batch = batch,
                Listener = layer.Trainable ? listener : null,
                LayerIndex = i,
            });
            if (!layer.Trainable)
                layer.Gradients.Clear();
            else
                listener?.LayerFinished(i);
        }
    }

    private bool AnyTrainableBelow(int layerIndex)
    {
        for (int i = 0; i < layerIndex; i++)
            if (_layers[i].Trainable && _layers[i].ParameterCount > 0)
                return true;
        return false;
    }

    /// <summary>Copies the parameters out, e.g. to keep the best weights seen during training.</summary>
    public float[] SnapshotParameters() => (float[])_parameters.Clone();

    /// <summary>Copies <paramref name="snapshot"/> (from <see cref="SnapshotParameters"/>) back into the parameters; the
    /// layers' non-trainable state is left alone (<see cref="Restore"/> restores both).</summary>
    /// <exception cref="ArgumentException"><paramref name="snapshot"/> does not hold <see cref="ParameterCount"/> values.</exception>
    public void RestoreParameters(ReadOnlySpan<float> snapshot)
    {
        if (snapshot.Length != _parameters.Length)
            throw new ArgumentException($"The snapshot holds {snapshot.Length} parameters; this network has {_parameters.Length}.", nameof(snapshot));
        snapshot.CopyTo(_parameters);
        MarkParametersChanged();
    }

    /// <summary>Everything a pass depends on: the trainable parameters and every layer's non-trainable state.</summary>
    public NetworkSnapshot Snapshot()
    {
        int stateLength = _layers.Sum(l => l.State.Length);
        var state = new float[stateLength];
        int offset = 0;
        foreach (var layer in _layers)
        {
            layer.State.CopyTo(state.AsSpan(offset));
            offset += layer.State.Length;
        }
        return new NetworkSnapshot(SnapshotParameters(), state);
    }

    /// <summary>As <see cref="Snapshot"/>, into the buffers of an earlier snapshot of this network, so a snapshot taken every
    /// epoch allocates nothing after the first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot's lengths do not match this network's.</exception>
    public void SnapshotInto(NetworkSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        int stateLength = _layers.Sum(l => l.State.Length);
        if (snapshot.Parameters.Length != _parameters.Length || snapshot.State.Length != stateLength)
            throw new ArgumentException(
                $"The snapshot holds {snapshot.Parameters.Length} parameters and {snapshot.State.Length} state values; this network has " +
                $"{_parameters.Length} and {stateLength}.", nameof(snapshot));
        _parameters.CopyTo(snapshot.Parameters, 0);
        int offset = 0;
        foreach (var layer in _layers)
        {
            layer.State.CopyTo(snapshot.State.AsSpan(offset));
            offset += layer.State.Length;
        }
    }

    /// <summary>Puts back the parameters and every layer's non-trainable state from <paramref name="snapshot"/>, taken from
    /// this network or one of the same architecture.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot's lengths do not match this network's.</exception>
    public void Restore(NetworkSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        int stateLength = _layers.Sum(l => l.State.Length);
        if (snapshot.State.Length != stateLength)
            throw new ArgumentException($"The snapshot holds {snapshot.State.Length} state values; this network has {stateLength}.", nameof(snapshot));
        RestoreParameters(snapshot.Parameters);
        int offset = 0;
        foreach (var layer in _layers)
        {
            int length = layer.State.Length;
            snapshot.State.AsSpan(offset, length).CopyTo(layer.State);
            offset += length;
        }
    }
}

/// <summary>A copy of a network's parameters and non-trainable state, taken by <see cref="Network.Snapshot"/>.</summary>
/// <param name="Parameters">The parameters, as <see cref="Network.Parameters"/> lays them out.</param>
/// <param name="State">Every layer's non-trainable state (e.g. batch-normalization statistics), layer after layer.</param>
public sealed record NetworkSnapshot(float[] Parameters, float[] State);
