using System.Security.Cryptography;
using System.Text;

namespace MLExtensions.Engine.Serialization;

/// <summary>
/// The framing of every file MLExtensions writes: an 8-byte magic, the format version, a content kind, the
/// payload length, the payload, and its SHA-256. Reading checks each in turn, so a foreign, truncated,
/// corrupt or too-new file fails with a message that says which.
/// </summary>
public static class ModelContainer
{
    private static readonly byte[] Magic = "MLXTMDL\n"u8.ToArray();

    public const ushort CurrentVersion = 1;

    public static void Write(Stream stream, string kind, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(CurrentVersion);
        writer.Write(kind);
        writer.Write((long)payload.Length);
        writer.Write(payload);
        writer.Write(SHA256.HashData(payload));
    }

    /// <summary>Reads one container and returns its payload; <paramref name="expectedKind"/> null accepts any kind.</summary>
    public static (string Kind, byte[] Payload) Read(Stream stream, string? expectedKind = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var magic = reader.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException(magic.Length < Magic.Length
                ? "This is not an MLExtensions model file: it is shorter than the file header."
                : $"This is not an MLExtensions model file (it starts with bytes {Convert.ToHexString(magic)}, not {Convert.ToHexString(Magic)}).");
        try
        {
            ushort version = reader.ReadUInt16();
            if (version > CurrentVersion)
                throw new InvalidDataException(
                    $"This model file uses format version {version}, written by a newer MLExtensions; this version reads up to {CurrentVersion}.");
            if (version == 0)
                throw new InvalidDataException("This model file declares format version 0, which does not exist: the file is corrupt.");
            string kind = reader.ReadString();
            if (expectedKind is not null && kind != expectedKind)
                throw new InvalidDataException($"This model file holds a '{kind}', not the '{expectedKind}' being loaded.");
            long length = reader.ReadInt64();
            if (length < 0 || length > Array.MaxLength)
                throw new InvalidDataException($"This model file declares a payload of {length} bytes: the file is corrupt.");
            var payload = reader.ReadBytes((int)length);
            if (payload.Length != length)
                throw new InvalidDataException($"This model file is truncated: its payload should be {length} bytes but only {payload.Length} are there.");
            var checksum = reader.ReadBytes(32);
            if (checksum.Length != 32)
                throw new InvalidDataException("This model file is truncated: its checksum is missing.");
            if (!checksum.AsSpan().SequenceEqual(SHA256.HashData(payload)))
                throw new InvalidDataException("This model file is corrupt: its contents do not match their SHA-256 checksum.");
            return (kind, payload);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("This model file is truncated: it ends inside its header.");
        }
    }
}
