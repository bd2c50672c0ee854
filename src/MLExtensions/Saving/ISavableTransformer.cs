namespace MLExtensions.Saving;

/// <summary>A transformer of ours that writes itself in MLExtensions' format (see <see cref="TransformerFile"/>).</summary>
internal interface ISavableTransformer
{
    /// <summary>The kind recorded in the file, which picks the reader on load.</summary>
    string FormatKind { get; }

    void WritePayload(BinaryWriter writer);
}
