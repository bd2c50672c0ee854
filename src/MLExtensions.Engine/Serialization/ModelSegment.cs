using System.Text;

namespace MLExtensions.Engine.Serialization;

/// <summary>
/// One named part of a model file (<see cref="ModelContainer"/>): a transformer's payload, or a whole ML.NET model zip
/// inside a pipeline file. The file's manifest records each segment's name, size and SHA-256 digest.
/// </summary>
public sealed class ModelSegment
{
    /// <summary>Creates a segment; the bytes are kept, not copied.</summary>
    /// <param name="name">The name a reader finds the segment by; 1 to <see cref="ModelContainer.MaximumNameBytes"/> bytes of UTF-8.</param>
    /// <param name="bytes">The segment's contents.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="bytes"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or too long.</exception>
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

    /// <summary>The segment's name, as the file's manifest records it.</summary>
    public string Name { get; }

    /// <summary>The segment's bytes, exactly as written (and, when read, verified against the manifest's digest).</summary>
    public byte[] Bytes { get; }
}
