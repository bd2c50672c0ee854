using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Tests.CrossValidation;

/// <summary>Small, seeded, easily learnable data sets for the assessment tests.</summary>
internal static class SyntheticData
{
    public sealed class BinaryRow
    {
        public int Id { get; set; }
        public bool Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();
    }

    public sealed class MulticlassRow
    {
        public int Id { get; set; }

        [KeyType(3)]
        public uint Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();
    }

    public sealed class RegressionRow
    {
        public int Id { get; set; }
        public float Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();
    }

    private static float[] Point(Random random) => new[] { (float)(random.NextDouble() * 4 - 2), (float)(random.NextDouble() * 4 - 2) };

    public static IDataView Binary(MLContext ml, int rows, int seed = 7)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i =>
        {
            var x = Point(random);
            return new BinaryRow { Id = i, Features = x, Label = x[0] + x[1] > 0 };
        }).ToArray());
    }

    public static IDataView Multiclass(MLContext ml, int rows, int seed = 7)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i =>
        {
            var x = Point(random);
            // [KeyType(3)] values are 0-based: ML.NET stores class c as key c + 1.
            uint label = x[0] < -0.7f ? 0u : x[0] < 0.7f ? 1u : 2u;
            return new MulticlassRow { Id = i, Features = x, Label = label };
        }).ToArray());
    }

    public static IDataView Regression(MLContext ml, int rows, int seed = 7)
    {
        var random = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i =>
        {
            var x = Point(random);
            return new RegressionRow { Id = i, Features = x, Label = 2 * x[0] - x[1] + 0.5f };
        }).ToArray());
    }

    public static List<int> Ids(IDataView data)
    {
        var column = data.Schema["Id"];
        var ids = new List<int>();
        using var cursor = data.GetRowCursor(new[] { column });
        var getter = cursor.GetGetter<int>(column);
        while (cursor.MoveNext())
        {
            int id = 0;
            getter(ref id);
            ids.Add(id);
        }
        return ids;
    }
}
