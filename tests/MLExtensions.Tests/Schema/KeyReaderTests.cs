using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;

namespace MLExtensions.Tests.Schema;

/// <summary>Keys of the raw widths ML.NET's LoadFromEnumerable stores (Byte, UInt32), read as the same numbers.</summary>
public class KeyReaderTests
{
    private sealed class Row
    {
        [KeyType(4)] public byte ByteKey { get; set; }
        [KeyType(4)] public uint UInt32Key { get; set; }
    }

    [Fact]
    public void ByteAndUInt32KeysReadAsTheSameKeys()
    {
        // LoadFromEnumerable stores value v of a [KeyType(4)] property as key v + 1.
        var values = new[] { 0, 2, 3, 1 };
        var data = new MLContext(seed: 1).Data.LoadFromEnumerable(values.Select(v => new Row
        {
            ByteKey = (byte)v, UInt32Key = (uint)v,
        }));

        foreach (string name in new[] { "ByteKey", "UInt32Key" })
        {
            var column = data.Schema[name];
            using var cursor = data.GetRowCursor(new[] { column });
            var read = KeyReader.Create(cursor, column);
            var keys = new List<ulong>();
            while (cursor.MoveNext())
                keys.Add(read());
            Assert.Equal(new ulong[] { 1, 3, 4, 2 }, keys);
        }
    }

    [Fact]
    public void AColumnThatIsNotAKeyIsRefusedByName()
    {
        var data = new MLContext(seed: 1).Data.LoadFromEnumerable(new[] { new { Value = 1.5f } });
        using var cursor = data.GetRowCursor(data.Schema);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KeyReader.Create(cursor, data.Schema["Value"]));
        Assert.Contains("'Value'", error.Message);
    }
}
