using System.Text;

namespace MLExtensions.Engine.Serialization;

/// <summary>
/// One named part of a model file (<see cref="ModelContainer"/>): a transformer's payload, or a whole ML.NET model zip
/// inside a pipeline file. The file's manifest records each segment's name, size and SHA-256 digest.
/// </summary>
public sealed class ModelSegment
{
    public ModelSegment(string name, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(bytes);
        int nameBytes = Encoding.UTF8.GetByteCount(name);
        if (nameBytes > ModelContainer.MaximumNameBytes)
            throw new ArgumentException($"A segment name takes at most {ModelContainer.MaximumNameBytes} bytes of UTF-8; '{name[..32]}…' takes {nameBytes}.", nameof(name));
        Name = name;
        Bytes = bytes;
    }

    public string Name { get; }

    /// <summary>The segment's bytes, exactly as written (and, when read, verified against the manifest's digest).</summary>
    public byte[] Bytes { get; }
}
