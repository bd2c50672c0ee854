using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Distributed.Tests.Support;

/// <summary>
/// Small seeded data sets written once to ML.NET binary files, which the silos read by path and the local reference runs
/// read with <see cref="ClusterDataSource.Load"/>: the same bytes on both sides.
/// </summary>
public sealed class TestData : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mlext-orleans-" + Guid.NewGuid().ToString("N"));

    public TestData()
    {
        Directory.CreateDirectory(_folder);
        var ml = new MLContext(seed: 0);
        Binary = Write(ml, "binary.idv", Rows(140, 7, x => new BinaryRow { Label = x[0] + x[1] > 0.2f, Features = x }));
        BinaryValidation = Write(ml, "binary-validation.idv", Rows(60, 8, x => new BinaryRow { Label = x[0] + x[1] > 0.2f, Features = x }));
        // [KeyType(3)] values are 0-based: ML.NET stores class c as key c + 1.
        Multiclass = Write(ml, "multiclass.idv", Rows(150, 9, x => new MulticlassRow { Label = x[0] < -0.7f ? 0u : x[0] < 0.7f ? 1u : 2u, Features = x }));
        Regression = Write(ml, "regression.idv", Rows(120, 10, x => new RegressionRow { Label = 2 * x[0] - x[1] + 0.5f, Features = x }));
        string text = Path.Combine(_folder, "binary.tsv");
        File.WriteAllLines(text, Rows(90, 11, x => $"{(x[0] > x[1] ? 1 : 0)}\t{x[0]:R}\t{x[1]:R}"));
        BinaryText = ClusterDataSource.Text(text, new[]
        {
            ClusterTextColumn.Scalar("Label", DataKind.Boolean, 0),
            ClusterTextColumn.Vector("Features", DataKind.Single, 1, 2),
        });
    }

    public ClusterDataSource Binary { get; }

    public ClusterDataSource BinaryValidation { get; }

    public ClusterDataSource Multiclass { get; }

    public ClusterDataSource Regression { get; }

    public ClusterDataSource BinaryText { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ClusterDataSource Write<TRow>(MLContext ml, string name, IEnumerable<TRow> rows)
        where TRow : class
    {
        string path = Path.Combine(_folder, name);
        using (var stream = File.Create(path))
            ml.Data.SaveAsBinary(ml.Data.LoadFromEnumerable(rows.ToArray()), stream);
        return ClusterDataSource.Binary(path);
    }

    private static IEnumerable<T> Rows<T>(int count, int seed, Func<float[], T> row)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
            yield return row(new[] { (float)(random.NextDouble() * 4 - 2), (float)(random.NextDouble() * 4 - 2) });
    }

    public sealed class BinaryRow
    {
        public bool Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();
    }

    public sealed class MulticlassRow
    {
        [KeyType(3)]
        public uint Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();
    }

    public sealed class RegressionRow
    {
        public float Label { get; set; }

        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();
    }
}
