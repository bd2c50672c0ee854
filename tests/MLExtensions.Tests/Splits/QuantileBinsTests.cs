using MLExtensions.Splits;

namespace MLExtensions.Tests.Splits;

public class QuantileBinsTests
{
    [Fact]
    public void DistinctValuesFillEqualBinsInValueOrder()
    {
        var values = Enumerable.Range(0, 12).Select(i => (double)(11 - i)).ToArray();

        Assert.Equal(new[] { 3, 3, 3, 2, 2, 2, 1, 1, 1, 0, 0, 0 }, QuantileBins.Assign(values, 4));
    }

    [Fact]
    public void TiedValuesShareABin()
    {
        var values = new double[] { 1, 1, 1, 1, 1, 1, 2, 3, 4, 5 };
        var bins = QuantileBins.Assign(values, 4);

        Assert.Single(bins.Take(6).Distinct());
        Assert.Equal(bins.Order(), bins);
    }

    [Fact]
    public void FewDistinctValuesGetABinEachEvenWhenRare()
    {
        var values = Enumerable.Repeat(0.0, 95).Concat(new[] { 7.5, 7.5, 7.5, 9, 9 }).ToArray();

        Assert.Equal(3, QuantileBins.Assign(values, 10).Distinct().Count());
    }

    [Fact]
    public void OneBinPutsEverythingTogether() =>
        Assert.All(QuantileBins.Assign(new double[] { 3, -1, 8, 2 }, 1), b => Assert.Equal(0, b));
}
