using Microsoft.Extensions.Options;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Distributed.Tests.Support;

namespace MLExtensions.Distributed.Tests.Data;

public class DataSetCacheTests
{
    [Fact]
    public void AFileRewrittenAtTheSamePathIsReadAgain()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlext-cache-{Guid.NewGuid():N}.idv");
        try
        {
            var cache = new DataSetCache(Options.Create(new ClusterWorkerOptions()));
            var source = ClusterDataSource.Binary(path);
            Write(path, rows: 10, written: new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var first = cache.Get(source);
            Assert.Same(first, cache.Get(source));

            Write(path, rows: 20, written: new DateTime(2020, 1, 2, 0, 0, 0, DateTimeKind.Utc));
            var second = cache.Get(source);

            Assert.Equal(10, first.Rows);
            Assert.Equal(20, second.Rows);
            Assert.NotEqual(first.Sha256, second.Sha256);
            Assert.Equal(20, second.Data.GetColumn<float>("Label").Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Write(string path, int rows, DateTime written)
    {
        var ml = new MLContext(seed: 0);
        var data = Enumerable.Range(0, rows).Select(i => new TestData.RegressionRow { Label = i, Features = new[] { i * 0.5f, -i } }).ToArray();
        // Written beside it and moved over it, as a file is replaced while readers (a silo's loader keeps it open) hold it.
        string next = path + ".next";
        using (var stream = File.Create(next))
            ml.Data.SaveAsBinary(ml.Data.LoadFromEnumerable(data), stream);
        // Set explicitly so the test does not rest on the file system's clock resolution.
        File.SetLastWriteTimeUtc(next, written);
        File.Move(next, path, overwrite: true);
    }
}
