using System.Security.Cryptography;
using System.Text;

namespace MLExtensions.Engine.Serialization;

/// <summary>
/// The framing of every file MLExtensions writes, verified whole before any of its contents is parsed.
/// <para>Layout (format version 2, little-endian): the 8-byte magic <c>MLXTMDL\n</c>; the version (UInt16); the content
/// kind; the number of segments (Int32); the manifest, one entry per segment (its name, its size as Int64 and its
/// SHA-256); the SHA-256 of everything so far; the segments' bytes in manifest order; and the SHA-256 of everything
/// before it. Names are a UInt16 byte count and UTF-8.</para>
/// <para>Reading checks each part in turn and names the one that is wrong: a foreign file, a newer version, a manifest
/// that was edited, a segment whose bytes changed, a file cut short or with bytes after its end. Every size is checked
/// against the bytes actually there before anything is allocated. Version 1 files (one payload, whose SHA-256 covered
/// the payload only) are still read.</para>
/// </summary>
public static class ModelContainer
{
    private static readonly byte[] Magic = "MLXTMDL\n"u8.ToArray();
    private static readonly byte[] ZipMagic = "PK\u0003\u0004"u8.ToArray();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The format version <see cref="Write(Stream, string, IReadOnlyList{ModelSegment})"/> writes; files of
    /// versions 1 and 2 are read, a newer one is refused.</summary>
    public const ushort CurrentVersion = 2;

    /// <summary>The name of the only segment of a single-payload file (<see cref="Write(Stream, string, ReadOnlySpan{byte})"/>).</summary>
    public const string PayloadSegmentName = "payload";

    /// <summary>More segments than any pipeline has steps; a count above it is corruption.</summary>
    public const int MaximumSegmentCount = 65_536;

    /// <summary>The longest kind or segment name, in UTF-8 bytes.</summary>
    public const int MaximumNameBytes = 1024;

    private const int DigestLength = 32;

    // A manifest entry takes at least its name's length, its size and its digest.
    private const int MinimumManifestEntryBytes = sizeof(ushort) + sizeof(long) + DigestLength;

    /// <summary>Writes a file of one segment, <see cref="PayloadSegmentName"/>.</summary>
    /// <param name="stream">Where the file goes, from its current position; left open.</param>
    /// <param name="kind">What the file holds, checked on reading (e.g. a transformer's name); 1 to
    /// <see cref="MaximumNameBytes"/> bytes of UTF-8.</param>
    /// <param name="payload">The bytes to store.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is null, empty or too long.</exception>
    public static void Write(Stream stream, string kind, ReadOnlySpan<byte> payload) =>
        Write(stream, kind, new[] { new ModelSegment(PayloadSegmentName, payload.ToArray()) });

    /// <summary>Writes a file of <paramref name="segments"/>, in order, with their manifest and digests.</summary>
    /// <param name="stream">Where the file goes, from its current position; left open.</param>
    /// <param name="kind">What the file holds, checked on reading; 1 to <see cref="MaximumNameBytes"/> bytes of UTF-8.</param>
    /// <param name="segments">The segments; at most <see cref="MaximumSegmentCount"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/>, <paramref name="segments"/> or a segment is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is null, empty or too long, or there are too many segments.</exception>
    public static void Write(Stream stream, string kind, IReadOnlyList<ModelSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count > MaximumSegmentCount)
            throw new ArgumentException($"A model file holds at most {MaximumSegmentCount} segments, not {segments.Count}.", nameof(segments));

        using var header = new MemoryStream();
        using (var writer = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(CurrentVersion);
            WriteName(writer, kind, "kind");
            writer.Write(segments.Count);
            foreach (var segment in segments)
            {
                ArgumentNullException.ThrowIfNull(segment, nameof(segments));
                WriteName(writer, segment.Name, "segment name");
                writer.Write((long)segment.Bytes.Length);
                writer.Write(SHA256.HashData(segment.Bytes));
            }
        }

        using var fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Emit(ReadOnlySpan<byte> bytes)
        {
            fileHash.AppendData(bytes);
            stream.Write(bytes);
        }

        var headerBytes = header.ToArray();
        Emit(headerBytes);
        Emit(SHA256.HashData(headerBytes));
        foreach (var segment in segments)
            Emit(segment.Bytes);
        stream.Write(fileHash.GetHashAndReset());
    }

    /// <summary>Reads a file of one segment and returns its payload; <paramref name="expectedKind"/> null accepts any kind.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The file is not a model file, is of a newer version or another kind, is
    /// corrupt, or does not hold exactly the one <see cref="PayloadSegmentName"/> segment.</exception>
    public static (string Kind, byte[] Payload) Read(Stream stream, string? expectedKind = null)
    {
        var (kind, segments) = ReadSegments(stream, expectedKind);
        if (segments.Count != 1 || segments[0].Name != PayloadSegmentName)
            throw new InvalidDataException(
                $"This model file holds {segments.Count} segments ({string.Join(", ", segments.Select(s => $"'{s.Name}'"))}), " +
                $"not the single '{PayloadSegmentName}' of a '{kind}' file.");
        return (kind, segments[0].Bytes);
    }

    /// <summary>
    /// Reads and verifies a whole file: every segment's bytes are returned only once the manifest, every segment and the
    /// file as a whole match their digests and nothing follows the file's end.
    /// </summary>
    /// <param name="stream">The file, read from its current position to its end.</param>
    /// <param name="expectedKind">The kind the caller can load; null accepts any.</param>
    /// <param name="description">What the file is called in messages ("model file", "pipeline file").</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="description"/> is empty.</exception>
    /// <exception cref="InvalidDataException">The file is not a model file, is of a newer version or another kind, or
    /// any part of it is corrupt, cut short or followed by extra bytes; the message names the part.</exception>
    public static (string Kind, IReadOnlyList<ModelSegment> Segments) ReadSegments(Stream stream, string? expectedKind = null,
        string description = "model file")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(description);
        using var reader = new HashingBlockReader(stream, description);

        var magic = reader.ReadUpTo(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
            throw NotAModelFile(magic, description);
        ushort version = reader.ReadUInt16("its header");
        if (version == 0)
            throw new InvalidDataException($"This {description} declares format version 0, which does not exist: the file is corrupt.");
        if (version > CurrentVersion)
            throw new InvalidDataException(
                $"This {description} uses format version {version}, written by a newer MLExtensions; this version reads up to {CurrentVersion}.");

        var (kind, segments) = version == 1 ? ReadVersion1(reader, description) : ReadVersion2(reader, expectedKind, description);
        if (expectedKind is not null && kind != expectedKind)
            throw new InvalidDataException($"This {description} holds a '{kind}', not the '{expectedKind}' being loaded.");

        long trailing = reader.TrailingBytes();
        if (trailing > 0)
            throw new InvalidDataException(
                $"This {description} goes on past its end ({(reader.Remaining is null ? "more bytes follow" : $"{trailing} more bytes follow")} " +
                "its final digest): it was extended, or another file was appended to it.");
        return (kind, segments);
    }

    private static (string, IReadOnlyList<ModelSegment>) ReadVersion2(HashingBlockReader reader, string? expectedKind, string description)
    {
        string kind = ReadName(reader, "the kind in its header", description);
        int count = reader.ReadInt32("the segment count in its header");
        if (count < 0 || count > MaximumSegmentCount)
            throw new InvalidDataException($"This {description} is corrupt: its header declares {count} segments.");
        if (reader.Remaining is { } left && (long)count * MinimumManifestEntryBytes > left)
            throw new InvalidDataException(
                $"This {description} is truncated or corrupt: its header declares {count} segments, whose manifest alone needs more than the {left} bytes left.");

        var names = new string[count];
        var sizes = new long[count];
        var digests = new byte[count][];
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            string entry = $"entry {i + 1} of its manifest";
            names[i] = ReadName(reader, entry, description);
            sizes[i] = reader.ReadInt64(entry);
            if (sizes[i] < 0 || sizes[i] > Array.MaxLength)
                throw new InvalidDataException($"This {description} is corrupt: {entry} ('{names[i]}') declares {sizes[i]} bytes.");
            digests[i] = reader.ReadExactly(DigestLength, entry);
            total += sizes[i];
        }
        var headerDigest = reader.CurrentDigest();
        var storedHeaderDigest = reader.ReadExactly(DigestLength, "the digest of its manifest");
        if (!storedHeaderDigest.AsSpan().SequenceEqual(headerDigest))
            throw new InvalidDataException(
                $"This {description} is corrupt: its header and manifest (the kind, and each segment's name, size and digest) do not match " +
                "their SHA-256 digest, so they were edited or damaged.");
        // The manifest is intact from here on: its sizes are the writer's, and only the bytes present can fall short of them.
        if (reader.Remaining is { } remaining && total + DigestLength > remaining)
            throw new InvalidDataException(
                $"This {description} is truncated: its manifest declares {count} segments of {total} bytes in all, plus a final digest, " +
                $"but only {remaining} bytes follow.");
        if (expectedKind is not null && kind != expectedKind)
            return (kind, Array.Empty<ModelSegment>());

        var segments = new ModelSegment[count];
        for (int i = 0; i < count; i++)
        {
            string part = $"segment '{names[i]}' ({i + 1} of {count})";
            var bytes = reader.ReadExactly(sizes[i], part);
            if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(digests[i]))
                throw new InvalidDataException($"This {description} is corrupt: {part} does not match the SHA-256 digest its manifest records.");
            segments[i] = new ModelSegment(names[i], bytes);
        }
        var fileDigest = reader.CurrentDigest();
        var storedFileDigest = reader.ReadExactly(DigestLength, "the digest at its end");
        if (!storedFileDigest.AsSpan().SequenceEqual(fileDigest))
            throw new InvalidDataException($"This {description} is corrupt: the SHA-256 digest at its end does not match the file.");
        return (kind, segments);
    }

    /// <summary>Version 1: a 7-bit-length kind, an Int64 payload length, the payload and the payload's SHA-256.</summary>
    private static (string, IReadOnlyList<ModelSegment>) ReadVersion1(HashingBlockReader reader, string description)
    {
        int kindLength = Read7BitLength(reader, description);
        var kindBytes = reader.ReadExactly(kindLength, "its kind");
        string kind = Decode(kindBytes, "its kind", description);
        long length = reader.ReadInt64("its payload length");
        var payload = reader.ReadExactly(length, "its payload");
        var checksum = reader.ReadExactly(DigestLength, "its checksum");
        if (!checksum.AsSpan().SequenceEqual(SHA256.HashData(payload)))
            throw new InvalidDataException($"This {description} is corrupt: its contents do not match their SHA-256 checksum.");
        return (kind, new[] { new ModelSegment(PayloadSegmentName, payload) });
    }

    private static int Read7BitLength(HashingBlockReader reader, string description)
    {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = reader.ReadExactly(1, "its kind")[0];
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value >= 0 && value <= MaximumNameBytes
                    ? value
                    : throw new InvalidDataException($"This {description} is corrupt: its kind declares {value} bytes.");
        }
        throw new InvalidDataException($"This {description} is corrupt: the length of its kind is malformed.");
    }

    private static void WriteName(BinaryWriter writer, string name, string what)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        if (bytes.Length == 0 || bytes.Length > MaximumNameBytes)
            throw new ArgumentException($"A {what} takes 1 to {MaximumNameBytes} bytes of UTF-8; '{name}' takes {bytes.Length}.");
        writer.Write((ushort)bytes.Length);
        writer.Write(bytes);
    }

    private static string ReadName(HashingBlockReader reader, string part, string description)
    {
        int length = reader.ReadUInt16(part);
        if (length == 0 || length > MaximumNameBytes)
            throw new InvalidDataException($"This {description} is corrupt: {part} has a name of {length} bytes.");
        return Decode(reader.ReadExactly(length, part), part, description);
    }

    private static string Decode(byte[] bytes, string part, string description)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"This {description} is corrupt: {part} has a name that is not UTF-8 text.");
        }
    }

    private static InvalidDataException NotAModelFile(byte[] start, string description)
    {
        if (start.Length < Magic.Length)
            return new InvalidDataException($"This is not an MLExtensions {description}: it is shorter than the file header ({start.Length} bytes).");
        if (start.AsSpan().StartsWith(ZipMagic))
            return new InvalidDataException(
                $"This is not an MLExtensions {description} but a zip archive: an ML.NET model (load it with mlContext.Model.Load), or a " +
                "pipeline saved by an MLExtensions older than format version 2, whose parts carry no digests and cannot be verified " +
                "(load it with that version and save it again).");
        return new InvalidDataException(
            $"This is not an MLExtensions {description} (it starts with bytes {Convert.ToHexString(start)}, not {Convert.ToHexString(Magic)}).");
    }
}
