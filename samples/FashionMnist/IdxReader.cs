using System.IO.Compression;

namespace FashionMnist;

/// <summary>Reads the gzipped IDX files Fashion-MNIST ships as (big-endian header, then raw bytes).</summary>
internal static class IdxReader
{
    public static byte[] Read(string path, out int[] shape)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"'{path}' was not found. Install Fashion-MNIST with: apt-get install dataset-fashion-mnist (Debian's package puts it in /usr/share/datasets/fashion-mnist), or pass --data DIR.", path);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0 || bytes[2] != 0x08)
            throw new InvalidDataException($"'{path}' is not an IDX file of unsigned bytes.");
        int dimensions = bytes[3];
        shape = new int[dimensions];
        for (int i = 0; i < dimensions; i++)
            shape[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(4 + 4 * i, 4));
        return bytes[(4 + 4 * dimensions)..].ToArray();
    }
}
