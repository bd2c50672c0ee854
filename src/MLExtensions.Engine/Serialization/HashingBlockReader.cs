using System.Buffers.Binary;
using System.Security.Cryptography;

namespace MLExtensions.Engine.Serialization;

/// <summary>
/// Reads a model file block by block, adding every byte read to the file's running SHA-256. A length read from the
/// file is never trusted to size an allocation: on a seekable stream it is checked against the bytes actually left,
/// and on any other stream a block grows only as its bytes arrive, so a file claiming gigabytes it does not hold
/// costs nothing before it is refused.
/// </summary>
internal sealed class HashingBlockReader : IDisposable
{
    // Bytes read at a time from a stream of unknown length.
    private const int ChunkLength = 1 << 20;

    private readonly Stream _stream;
    private readonly IncrementalHash _fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly string _description;
    private long? _remaining;

    public HashingBlockReader(Stream stream, string description)
    {
        _stream = stream;
        _description = description;
        if (stream.CanSeek)
            _remaining = Math.Max(0, stream.Length - stream.Position);
    }

    /// <summary>Bytes left in the stream, when it can tell (a seekable stream); null otherwise.</summary>
    public long? Remaining => _remaining;

    /// <summary>The SHA-256 of every byte read so far.</summary>
    public byte[] CurrentDigest() => _fileHash.GetCurrentHash();

    /// <summary>Reads at most <paramref name="count"/> bytes, fewer when the stream ends first.</summary>
    public byte[] ReadUpTo(int count)
    {
        var buffer = new byte[(int)Math.Min(count, _remaining ?? count)];
        int read = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        Consumed(buffer.AsSpan(0, read));
        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes of <paramref name="part"/>, or throws naming it as truncated.</summary>
    public byte[] ReadExactly(long count, string part)
    {
        if (count < 0 || count > Array.MaxLength)
            throw new InvalidDataException($"This {_description} is corrupt: {part} declares {count} bytes.");
        if (_remaining is { } remaining && count > remaining)
            throw Truncated(part, count, remaining);
        if (_remaining is not null)
        {
            var exact = new byte[count];
            int read = _stream.ReadAtLeast(exact, exact.Length, throwOnEndOfStream: false);
            Consumed(exact.AsSpan(0, read));
            if (read < count)
                throw Truncated(part, count, read);
            return exact;
        }

        // Unknown length: grow with the bytes that actually arrive.
        using var collected = new MemoryStream();
        var chunk = new byte[(int)Math.Min(count, ChunkLength)];
        while (collected.Length < count)
        {
            int wanted = (int)Math.Min(chunk.Length, count - collected.Length);
            int read = _stream.ReadAtLeast(chunk, wanted, throwOnEndOfStream: false);
            Consumed(chunk.AsSpan(0, read));
            collected.Write(chunk, 0, read);
            if (read < wanted)
                throw Truncated(part, count, collected.Length);
        }
        return collected.ToArray();
    }

    public ushort ReadUInt16(string part) => BinaryPrimitives.ReadUInt16LittleEndian(ReadExactly(sizeof(ushort), part));

    public int ReadInt32(string part) => BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(sizeof(int), part));

    public long ReadInt64(string part) => BinaryPrimitives.ReadInt64LittleEndian(ReadExactly(sizeof(long), part));

    /// <summary>How many bytes follow what was read: exact on a seekable stream; otherwise 0 or 1, found by reading one byte.</summary>
    public long TrailingBytes()
    {
        if (_remaining is { } remaining)
            return remaining;
        return _stream.ReadByte() < 0 ? 0 : 1;
    }

    private void Consumed(ReadOnlySpan<byte> bytes)
    {
        _fileHash.AppendData(bytes);
        if (_remaining is not null)
            _remaining -= bytes.Length;
    }

    private InvalidDataException Truncated(string part, long expected, long present) =>
        new($"This {_description} is truncated: {part} should be {expected} bytes but only {present} are there.");

    public void Dispose() => _fileHash.Dispose();
}
