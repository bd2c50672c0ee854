using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Initializers;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Regularization;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Serialization;

/// <summary>
/// Writes and reads a network (architecture, parameters, non-trainable state, frozen flags), a loss and a
/// training history into a payload of <see cref="ModelContainer"/>. Components go through their
/// <see cref="ComponentConfig"/>, so a new activation or initializer needs no code here.
/// </summary>
public static class NetworkSerializer
{
    /// <summary>
    /// Writes <paramref name="network"/>: its input size, each layer's kind, frozen flag and settings (components as
    /// their <see cref="ComponentConfig"/>), then all parameters and all non-trainable state.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer is of a kind this format does not know (only dense, activation,
    /// dropout, alpha dropout, batch normalization and PReLU layers are saved).</exception>
    public static void WriteNetwork(BinaryWriter writer, Network network)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(network);
        writer.Write(network.InputSize);
        writer.Write(network.Layers.Count);
        foreach (var layer in network.Layers)
        {
            writer.Write(layer.Kind);
            writer.Write(layer.Trainable);
            switch (layer)
            {
                case DenseLayer dense:
                    writer.Write(dense.Units);
                    writer.Write(dense.UseBias);
                    WriteConfig(writer, dense.Activation.GetConfig());
                    WriteConfig(writer, dense.KernelInitializer.GetConfig());
                    WriteConfig(writer, dense.BiasInitializer.GetConfig());
                    WriteOptionalConfig(writer, dense.KernelPenalty?.GetConfig());
                    WriteOptionalConfig(writer, dense.BiasPenalty?.GetConfig());
                    writer.Write(dense.MaxNorm.HasValue);
                    writer.Write(dense.MaxNorm ?? 0f);
                    break;
                case ActivationLayer activation:
                    WriteConfig(writer, activation.Activation.GetConfig());
                    break;
                case DropoutLayer dropout:
                    writer.Write(dropout.Rate);
                    break;
                case AlphaDropoutLayer alphaDropout:
                    writer.Write(alphaDropout.Rate);
                    break;
                case BatchNormalizationLayer batchNorm:
                    writer.Write(batchNorm.Momentum);
                    writer.Write(batchNorm.Epsilon);
                    break;
                case PReluLayer prelu:
                    writer.Write(prelu.InitialSlope);
                    break;
                default:
                    throw new NotSupportedException($"Layers of kind '{layer.Kind}' ({layer.GetType().Name}) cannot be saved.");
            }
        }
        WriteFloats(writer, network.Parameters);
        var snapshot = network.Snapshot();
        WriteFloats(writer, snapshot.State);
    }

    /// <summary>
    /// Reads a network written by <see cref="WriteNetwork"/>. Every size is checked before it allocates: the parameter and
    /// state arrays against the bytes left, and the layers' parameter counts, in 64 bits and layer by layer, against the
    /// parameters actually saved, so a file declaring a huge layer is refused before the network is built.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidDataException">A layer kind is unknown, a setting is invalid, or a size does not agree with
    /// the bytes or layers saved.</exception>
    /// <exception cref="EndOfStreamException">The payload ends before the network does.</exception>
    public static Network ReadNetwork(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int inputSize = reader.ReadInt32();
        if (inputSize <= 0)
            throw new InvalidDataException($"The saved network declares {inputSize} inputs: the file is corrupt.");
        int count = reader.ReadCount("network layers", bytesEach: 2, minimum: 1, maximum: 100_000);
        var layers = new Layer[count];
        for (int i = 0; i < count; i++)
        {
            string kind = reader.ReadString();
            bool trainable = reader.ReadBoolean();
            try
            {
                Layer layer = kind switch
                {
                    "dense" => ReadDense(reader),
                    "activation" => new ActivationLayer(Activation.FromConfig(ReadConfig(reader))),
                    "dropout" => new DropoutLayer(reader.ReadSingle()),
                    "alpha_dropout" => new AlphaDropoutLayer(reader.ReadSingle()),
                    "batch_normalization" => new BatchNormalizationLayer(reader.ReadSingle(), reader.ReadSingle()),
                    "prelu" => new PReluLayer(reader.ReadSingle()),
                    _ => throw new InvalidDataException($"The saved network has a layer of unknown kind '{kind}'."),
                };
                layer.Trainable = trainable;
                layers[i] = layer;
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"Layer {i + 1} ({kind}) of the saved network is invalid: {e.Message}", e);
            }
        }
        var parameters = ReadFloats(reader);
        var state = ReadFloats(reader);
        CheckSizes(inputSize, layers, parameters.Length, state.Length);
        var network = new Network(inputSize, layers);
        network.Restore(new NetworkSnapshot(parameters, state));
        return network;
    }

    /// <summary>Builds the layers one by one and refuses, before the next is built, a running parameter count (in 64 bits)
    /// beyond the parameters the file holds; a layer whose state the build allocates (batch normalization) is refused
    /// before its build when that state would exceed the state the file holds. At the end both counts must match exactly.</summary>
    private static void CheckSizes(int inputSize, Layer[] layers, int savedParameters, int savedState)
    {
        long parameters = 0, state = 0;
        int width = inputSize;
        for (int i = 0; i < layers.Length; i++)
        {
            long layerState = layers[i].StateLengthFor(width);
            if (state + layerState > savedState)
                throw new InvalidDataException(
                    $"The saved network's layers need at least {state + layerState} state values by layer {i + 1} ({layers[i].Kind} of " +
                    $"{width} inputs), but the file holds {savedState}: the file is corrupt.");
            try
            {
                layers[i].Build(width);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"Layer {i + 1} ({layers[i].Kind}) of the saved network cannot be built: {e.Message}", e);
            }
            width = layers[i].OutputSize;
            parameters += layers[i].ParameterCount;
            state += layers[i].State.Length;
            if (parameters > savedParameters)
                throw new InvalidDataException(
                    $"The saved network's layers need at least {parameters} parameters by layer {i + 1} ({layers[i].Describe()}), " +
                    $"but the file holds {savedParameters}: the file is corrupt.");
        }
        if (parameters != savedParameters)
            throw new InvalidDataException($"The saved network holds {savedParameters} parameters where its layers need {parameters}: the file is corrupt.");
        if (state != savedState)
            throw new InvalidDataException($"The saved network holds {savedState} state values where its layers need {state}: the file is corrupt.");
    }

    private static DenseLayer ReadDense(BinaryReader reader)
    {
        int units = reader.ReadInt32();
        bool useBias = reader.ReadBoolean();
        var activation = Activation.FromConfig(ReadConfig(reader));
        var kernel = Initializer.FromConfig(ReadConfig(reader));
        var bias = Initializer.FromConfig(ReadConfig(reader));
        var kernelPenalty = ReadOptionalConfig(reader) is { } kp ? WeightPenalty.FromConfig(kp) : null;
        var biasPenalty = ReadOptionalConfig(reader) is { } bp ? WeightPenalty.FromConfig(bp) : null;
        bool hasMaxNorm = reader.ReadBoolean();
        float maxNorm = reader.ReadSingle();
        return new DenseLayer(units, activation, useBias, kernel, bias)
        {
            KernelPenalty = kernelPenalty,
            BiasPenalty = biasPenalty,
            MaxNorm = hasMaxNorm ? maxNorm : null,
        };
    }

    /// <summary>Writes <paramref name="loss"/> as its <see cref="ComponentConfig"/> followed by its class weights (none for
    /// a loss without them).</summary>
    public static void WriteLoss(BinaryWriter writer, Loss loss)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(loss);
        WriteConfig(writer, loss.GetConfig());
        var classWeights = loss switch
        {
            SoftmaxCrossEntropyLoss softmax => softmax.ClassWeights,
            BinaryCrossEntropyLoss binary => binary.ClassWeights,
            _ => ReadOnlySpan<float>.Empty,
        };
        WriteFloats(writer, classWeights);
    }

    /// <summary>Reads a loss written by <see cref="WriteLoss"/>.</summary>
    /// <exception cref="InvalidDataException">The loss's name is unknown or its settings or class weights are invalid.</exception>
    public static Loss ReadLoss(BinaryReader reader)
    {
        var config = ReadConfig(reader);
        var classWeights = ReadFloats(reader);
        try
        {
            return Loss.FromConfig(config, classWeights);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The saved loss is invalid: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="history"/>'s stop reason, stop message, best epoch and every epoch's figures; the
    /// per-layer diagnostics are not saved, and the notes go separately (<see cref="WriteNotes"/>).</summary>
    public static void WriteHistory(BinaryWriter writer, TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(history);
        writer.Write((int)history.StopReason);
        writer.Write(history.StopMessage);
        writer.Write(history.BestEpoch);
        writer.Write(history.Epochs.Count);
        foreach (var e in history.Epochs)
        {
            writer.Write(e.Epoch);
            writer.Write(e.TrainingLoss);
            writer.Write(e.TrainingMetric);
            writer.Write(e.ValidationLoss);
            writer.Write(e.ValidationMetric);
            writer.Write(e.LearningRate);
            writer.Write(e.Duration.Ticks);
            writer.Write(e.MetricName);
        }
    }

    private const string NotesTag = "notes";

    /// <summary>
    /// Writes the history's notes after it, under a tag, and only when there are any: a history without notes is laid out
    /// exactly as before notes were saved, so older files and newer ones without notes read alike.
    /// </summary>
    public static void WriteNotes(BinaryWriter writer, TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(history);
        if (history.Notes.Count == 0)
            return;
        writer.Write(NotesTag);
        writer.Write(history.Notes.Count);
        foreach (string note in history.Notes)
            writer.Write(note);
    }

    /// <summary>
    /// Reads the notes <see cref="WriteNotes"/> wrote, when the next bytes are their tag; otherwise reads nothing and leaves
    /// the stream where it was (its stream is seekable, as every payload's is), so other bytes are judged by the caller.
    /// </summary>
    public static void ReadNotes(BinaryReader reader, TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var stream = reader.BaseStream;
        // The tag as BinaryWriter writes it: a length byte, then its UTF-8 bytes.
        int tagBytes = 1 + NotesTag.Length;
        if (!stream.CanSeek || reader.BytesLeft() < tagBytes)
            return;
        long start = stream.Position;
        Span<byte> tag = stackalloc byte[tagBytes];
        stream.ReadExactly(tag);
        if (tag[0] != NotesTag.Length || !System.Text.Encoding.ASCII.GetString(tag[1..]).Equals(NotesTag, StringComparison.Ordinal))
        {
            stream.Position = start;
            return;
        }
        // Each note is a string of at least its length byte.
        int count = reader.ReadCount("notes of the training history", bytesEach: 1);
        for (int i = 0; i < count; i++)
            history.AddNote(reader.ReadString());
    }

    // An epoch's fields: the epoch, four doubles, the learning rate, the ticks and a metric name of at least its length byte.
    private const int MinimumEpochBytes = sizeof(int) + 4 * sizeof(double) + sizeof(float) + sizeof(long) + 1;

    /// <summary>Reads a history written by <see cref="WriteHistory"/>; per-layer diagnostics are not saved.</summary>
    /// <exception cref="InvalidDataException">The stop reason, epoch count or best epoch is out of range.</exception>
    public static TrainingHistory ReadHistory(BinaryReader reader)
    {
        var reason = (StopReason)reader.ReadInt32();
        if (!Enum.IsDefined(reason))
            throw new InvalidDataException($"The saved training history has an unknown stop reason {(int)reason}: the file is corrupt.");
        var history = new TrainingHistory
        {
            StopReason = reason,
            StopMessage = reader.ReadString(),
            BestEpoch = reader.ReadInt32(),
        };
        int count = reader.ReadCount("epochs of the training history", MinimumEpochBytes);
        if (history.BestEpoch < -1 || history.BestEpoch >= count)
            throw new InvalidDataException($"The saved training history's best epoch {history.BestEpoch} is not one of its {count} epochs: the file is corrupt.");
        for (int i = 0; i < count; i++)
        {
            history.Add(new EpochReport(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(),
                reader.ReadSingle(), TimeSpan.FromTicks(reader.ReadInt64()))
            {
                MetricName = reader.ReadString(),
            });
        }
        return history;
    }

    /// <summary>Writes a component's name and its named numeric parameters, in order.</summary>
    public static void WriteConfig(BinaryWriter writer, ComponentConfig config)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(config);
        writer.Write(config.Name);
        writer.Write(config.Parameters.Count);
        foreach (var (key, value) in config.Parameters)
        {
            writer.Write(key);
            writer.Write(value);
        }
    }

    /// <summary>Reads a configuration written by <see cref="WriteConfig"/>; which component it makes is the caller's
    /// business.</summary>
    /// <exception cref="InvalidDataException">The parameter count is out of range or the configuration is invalid.</exception>
    public static ComponentConfig ReadConfig(BinaryReader reader)
    {
        string name = reader.ReadString();
        // Each parameter is a name of at least its length byte and a double.
        int count = reader.ReadCount($"parameters of the configuration '{name}'", bytesEach: 1 + sizeof(double), maximum: 10_000);
        var parameters = new KeyValuePair<string, double>[count];
        for (int i = 0; i < count; i++)
            parameters[i] = new(reader.ReadString(), reader.ReadDouble());
        try
        {
            return new ComponentConfig(name, parameters);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The saved configuration '{name}' is invalid: {e.Message}", e);
        }
    }

    private static void WriteOptionalConfig(BinaryWriter writer, ComponentConfig? config)
    {
        writer.Write(config is not null);
        if (config is not null)
            WriteConfig(writer, config);
    }

    private static ComponentConfig? ReadOptionalConfig(BinaryReader reader) => reader.ReadBoolean() ? ReadConfig(reader) : null;

    /// <summary>Writes an Int32 count and the values, little-endian.</summary>
    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(values.Length);
        foreach (float v in values)
            writer.Write(v);
    }

    /// <summary>Reads values written by <see cref="WriteFloats"/>.</summary>
    /// <exception cref="InvalidDataException">The count is negative or more than the payload's bytes left can hold.</exception>
    public static float[] ReadFloats(BinaryReader reader)
    {
        int count = reader.ReadCount("values of an array", sizeof(float), maximum: Array.MaxLength);
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = reader.ReadSingle();
        return values;
    }
}
