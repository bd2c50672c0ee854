using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Tests.Splits;

public sealed class Row<T>
{
    public int Id { get; set; }
    public T Label { get; set; } = default!;
}

public sealed class KeyRow
{
    public int Id { get; set; }

    [KeyType(3)]
    public uint Label { get; set; }
}

public sealed class ByteKeyRow
{
    public int Id { get; set; }

    [KeyType(3)]
    public byte Label { get; set; }
}

public sealed class VectorLabelRow
{
    public int Id { get; set; }

    [VectorType(2)]
    public float[] Label { get; set; } = new float[2];
}

public sealed class MutableRow
{
    public int Id { get; set; }
    public string Label { get; set; } = "";
    public float Value { get; set; }
}

internal static class SplitTestData
{
    /// <summary>Rows with the given class sizes, classes interleaved (a, b, c, a, b, c, ...) until each runs out.</summary>
    public static string[] Classes(params int[] sizes)
    {
        var labels = new List<string>();
        var left = (int[])sizes.Clone();
        while (left.Any(n => n > 0))
            for (int c = 0; c < left.Length; c++)
                if (left[c]-- > 0)
                    labels.Add(((char)('a' + c)).ToString());
        return labels.ToArray();
    }

    public static IDataView Load<T>(MLContext ml, IEnumerable<T> labels) =>
        ml.Data.LoadFromEnumerable(labels.Select((label, i) => new Row<T> { Id = i, Label = label }).ToList());

    public static int[] Ids(IDataView data)
    {
        var column = data.Schema["Id"];
        var ids = new List<int>();
        using var cursor = data.GetRowCursor(new[] { column });
        var getter = cursor.GetGetter<int>(column);
        int id = 0;
        while (cursor.MoveNext())
        {
            getter(ref id);
            ids.Add(id);
        }
        return ids.ToArray();
    }

    /// <summary>How many rows of each class (by the labels array the data was made from) a part holds.</summary>
    public static Dictionary<TLabel, int> CountsByLabel<TLabel>(IDataView part, IReadOnlyList<TLabel> labels) where TLabel : notnull =>
        Ids(part).GroupBy(id => labels[id]).ToDictionary(g => g.Key, g => g.Count());

    public static void AssertDisjointAndCovering(int rows, params IDataView[] parts)
    {
        var all = parts.SelectMany(Ids).ToList();
        Assert.Equal(rows, all.Count);
        Assert.Equal(Enumerable.Range(0, rows), all.Order());
        foreach (var part in parts)
            Assert.Equal(Ids(part).Length, part.GetRowCount());
    }
}
