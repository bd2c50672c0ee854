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

    /// <summary>Initializes only the layers <see cref="ReplaceTop"/> added.</summary>
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

    public NetworkSummary Summary() => new(this);

    public Network(int inputSize, params Layer[] layers)
        : this(inputSize, (IEnumerable<Layer>)layers)
    {
    }

    public int InputSize { get; }
    public int OutputSize { get; }
    public IReadOnlyList<Layer> Layers => _layers;
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

    /// <summary>Offset of each layer's slice in <see cref="Parameters"/>.</summary>
    public int ParameterOffset(int layerIndex)
    {
        int offset = 0;
        for (int i = 0; i < layerIndex; i++)
            offset += _layers[i].ParameterCount;
        return offset;
    }

    /// <summary>Initializes every layer in order from one seeded source, so a seed fixes the whole network.</summary>
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
    public void Backward(NetworkWorkspace workspace, LayerContext context, ReadOnlySpan<float> input, int batch)
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
            layer.Backward(context, new BackwardPass(layerInput, workspace.Output(i, batch), workspace.Gradient(i, batch), inputGradient,
                workspace.Scratch(i, batch), batch));
            if (!layer.Trainable)
                layer.Gradients.Clear();
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

/// <summary>A copy of a network's parameters and non-trainable state.</summary>
public sealed record NetworkSnapshot(float[] Parameters, float[] State);
