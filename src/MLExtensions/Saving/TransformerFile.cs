using System.Collections.Frozen;
using System.Text;
using Microsoft.ML;
using MLExtensions.Engine.Serialization;

namespace MLExtensions.Saving;

/// <summary>
/// Saves and loads any transformer of ours in a <see cref="ModelContainer"/>: the kind names the reader,
/// the payload is the transformer's own.
/// </summary>
public static class TransformerFile
{
    private static readonly FrozenDictionary<string, Func<BinaryReader, ITransformer>> Readers = new Dictionary<string, Func<BinaryReader, ITransformer>>
    {
        [MlpModelFile.Kind] = MlpModelFile.Read,
        [Transforms.InverseScalingTransformer.FileKind] = Transforms.InverseScalingTransformer.Read,
    }.ToFrozenDictionary();

    /// <summary>True for the transformers this format can hold: those of this library saved in their own format (the
    /// MLP transformers and the inverse scaler); false for ML.NET's and for the forward scalers, which save as ML.NET's.</summary>
    /// <param name="transformer">Any transformer.</param>
    public static bool CanSave(ITransformer transformer) => transformer is ISavableTransformer;

    /// <summary>Writes <paramref name="transformer"/> to <paramref name="stream"/> as a <see cref="ModelContainer"/> whose kind
    /// names the transformer's reader. The payload is made in memory first, so a failure leaves the stream untouched.</summary>
    /// <param name="transformer">A transformer of this library (one <see cref="CanSave"/> accepts).</param>
    /// <param name="stream">A writable stream; it is left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transformer"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="NotSupportedException"><paramref name="transformer"/> is not one of this library's transformers; save
    /// ML.NET's own with <c>mlContext.Model.Save</c>, or a mixed pipeline with <see cref="PipelineFile"/>.</exception>
    public static void Save(ITransformer transformer, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        ArgumentNullException.ThrowIfNull(stream);
        if (transformer is not ISavableTransformer savable)
            throw new NotSupportedException($"{transformer.GetType().Name} is not an MLExtensions transformer; save ML.NET's own with mlContext.Model.Save.");
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
            savable.WritePayload(writer);
        ModelContainer.Write(stream, savable.FormatKind, payload.GetBuffer().AsSpan(0, (int)payload.Length));
    }

    /// <summary>
    /// Loads a transformer saved by <see cref="Save"/>. The whole file is verified (<see cref="ModelContainer"/>) before its
    /// payload is parsed, and a payload that passes its digest yet is inconsistent is refused too: every failure is an
    /// <see cref="InvalidDataException"/> that says what is wrong.
    /// </summary>
    /// <param name="stream">A readable stream positioned at the start of the file; it is left open.</param>
    /// <returns>The transformer, ready to transform data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is damaged, edited, of another kind, or of a kind this version cannot read.</exception>
    public static ITransformer Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (kind, payload) = ModelContainer.Read(stream);
        return Parse(kind, payload);
    }

    /// <summary>Parses a verified payload of <paramref name="kind"/>.</summary>
    internal static ITransformer Parse(string kind, byte[] payload)
    {
        // The table is fixed when the type is initialized and only read afterwards, so readers need no lock.
        if (!Readers.TryGetValue(kind, out var read))
            throw new InvalidDataException($"This model file holds a '{kind}', which this version of MLExtensions cannot read.");
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        ITransformer transformer;
        try
        {
            transformer = read(reader);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"The '{kind}' in this model file ends early: the file is corrupt.");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidOperationException
            or NotSupportedException or DecoderFallbackException)
        {
            // A payload that passed its digest but does not describe a valid transformer (written by hand, or by a bug).
            throw new InvalidDataException($"The '{kind}' in this model file is invalid: {e.Message}", e);
        }
        long unread = reader.BytesLeft();
        if (unread != 0)
            throw new InvalidDataException($"The '{kind}' in this model file is followed by {unread} bytes it does not use: the file is corrupt.");
        return transformer;
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/> and checks that it is a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The transformer type the file is expected to hold.</typeparam>
    /// <param name="stream">A readable stream positioned at the start of the file; it is left open.</param>
    /// <returns>The transformer, ready to transform data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is damaged or cannot be read (as <see cref="Load(Stream)"/>), or it
    /// holds a transformer that is not a <typeparamref name="T"/>.</exception>
    public static T Load<T>(Stream stream) where T : ITransformer
    {
        var transformer = Load(stream);
        return transformer is T typed
            ? typed
            : throw new InvalidDataException($"This model file holds a {transformer.GetType().Name}, not a {typeof(T).Name}.");
    }
}
