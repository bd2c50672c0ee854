using Microsoft.ML.Data;

namespace MLExtensions.Distributed;

/// <summary>One in-memory "file" for ML.NET's loaders, which read from <see cref="IMultiStreamSource"/>s.</summary>
internal sealed class InMemoryStreamSource : IMultiStreamSource
{
    private readonly byte[] _bytes;

    public InMemoryStreamSource(byte[] bytes) => _bytes = bytes;

    public int Count => 1;

    public string? GetPathOrNull(int index)
    {
        CheckIndex(index);
        return null;
    }

    public Stream Open(int index)
    {
        CheckIndex(index);
        return new MemoryStream(_bytes, writable: false);
    }

    public TextReader OpenTextReader(int index) => new StreamReader(Open(index));

    private static void CheckIndex(int index)
    {
        if (index != 0)
            throw new ArgumentOutOfRangeException(nameof(index), index, "An in-memory source holds one stream, number 0.");
    }
}
