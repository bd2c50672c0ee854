using Microsoft.ML;

namespace MLExtensions.Distributed.Tests.Data;

public class LoadedDataSetTests
{
    [Fact]
    public void DerivedValuesBeyondTheCapDropTheLeastRecentlyUsed()
    {
        var data = new LoadedDataSet(new MLContext(seed: 0).Data.LoadFromEnumerable(new[] { new { X = 1f } }), new string('0', 64), 1);
        int created = 0;
        object Make(string key) => data.Derived(key, () =>
        {
            created++;
            return new object();
        });
        var first = Make("key 0");
        for (int i = 1; i < LoadedDataSet.MaxDerived; i++)
            Make($"key {i}");
        Assert.Same(first, Make("key 0")); // now the most recently used

        Make("one more"); // pushes out "key 1", the least recently used

        Assert.Equal(LoadedDataSet.MaxDerived, data.DerivedCount);
        Assert.Equal(LoadedDataSet.MaxDerived + 1, created);
        Assert.Same(first, Make("key 0"));
        Make("key 1");
        Assert.Equal(LoadedDataSet.MaxDerived + 2, created);
    }
}
