using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MLExtensions.Tests.Support;

/// <summary>
/// Where each part of a saved file (format version 2) lies, read independently of the library's reader: the magic, the
/// version, the kind, the segment count, one manifest entry per segment (name, size, SHA-256), the manifest's digest,
/// the segments, and the file's digest. Tests use it to damage one exact part, and to re-seal a file after an edit
/// (recomputing the digests), as someone crafting a file would.
/// </summary>
public sealed class ModelFileLayout
{
    private ModelFileLayout(byte[] bytes)
    {
        Bytes = bytes;
        int at = 8;
        Version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
        at += 2;
        int kindLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
        Kind = Encoding.UTF8.GetString(bytes, at + 2, kindLength);
        at += 2 + kindLength;
        CountOffset = at;
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
        at += 4;
        var entries = new List<Entry>();
        for (int i = 0; i < count; i++)
        {
            int start = at;
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at));
            string name = Encoding.UTF8.GetString(bytes, at + 2, nameLength);
            at += 2 + nameLength;
            long size = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at));
            entries.Add(new Entry(name, start, at, size));
            at += 8 + 32;
        }
        ManifestDigestOffset = at;
        at += 32;
        var segments = new List<(string, int, int)>();
        foreach (var entry in entries)
        {
            segments.Add((entry.Name, at, (int)entry.Size));
            at += (int)entry.Size;
        }
        Entries = entries;
        Segments = segments;
        FileDigestOffset = at;
    }

    public sealed record Entry(string Name, int Offset, int SizeOffset, long Size);

    public byte[] Bytes { get; }
    public int Version { get; }
    public string Kind { get; }
    public int CountOffset { get; }
    public IReadOnlyList<Entry> Entries { get; }
    public int ManifestDigestOffset { get; }
    public IReadOnlyList<(string Name, int Offset, int Length)> Segments { get; }
    public int FileDigestOffset { get; }

    public static ModelFileLayout Of(byte[] bytes) => new(bytes);

    public (string Name, int Offset, int Length) Segment(string name) => Segments.Single(s => s.Name == name);

    public byte[] SegmentBytes(string name)
    {
        var (_, offset, length) = Segment(name);
        return Bytes.AsSpan(offset, length).ToArray();
    }

    /// <summary>A file of the given kind and segments with every digest correct: a crafted file that passes every integrity check.</summary>
    public static byte[] Seal(string kind, IReadOnlyList<(string Name, byte[] Bytes)> segments)
    {
        using var header = new MemoryStream();
        using (var writer = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("MLXTMDL\n"u8);
            writer.Write((ushort)2);
            var kindBytes = Encoding.UTF8.GetBytes(kind);
            writer.Write((ushort)kindBytes.Length);
            writer.Write(kindBytes);
            writer.Write(segments.Count);
            foreach (var (name, content) in segments)
            {
                var nameBytes = Encoding.UTF8.GetBytes(name);
                writer.Write((ushort)nameBytes.Length);
                writer.Write(nameBytes);
                writer.Write((long)content.Length);
                writer.Write(SHA256.HashData(content));
            }
        }
        var file = new List<byte>(header.ToArray());
        file.AddRange(SHA256.HashData(header.ToArray()));
        foreach (var (_, content) in segments)
            file.AddRange(content);
        var bytes = file.ToArray();
        return bytes.Concat(SHA256.HashData(bytes)).ToArray();
    }

    /// <summary>This file's segments, to edit and <see cref="Seal"/> again.</summary>
    public List<(string Name, byte[] Bytes)> SegmentList() => Segments.Select(s => (s.Name, SegmentBytes(s.Name))).ToList();
}
