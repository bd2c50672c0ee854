namespace MLExtensions.Distributed.Tests.Support;

/// <summary>Assertions that a cluster result is the local one: every number bit for bit.</summary>
public static class Same
{
    public static void Bits(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: local {expected:R}, cluster {actual:R}");

    public static void Trials(IReadOnlyList<SearchTrial> local, IReadOnlyList<SearchTrial> cluster)
    {
        Assert.Equal(local.Count, cluster.Count);
        for (int i = 0; i < local.Count; i++)
        {
            var (l, c) = (local[i], cluster[i]);
            string what = $"rank {i + 1} (local trial {l.Number}, cluster trial {c.Number})";
            Assert.True(l.Number == c.Number, what);
            Assert.Equal(l.Round, c.Round);
            Assert.Equal(l.Values.Keys, c.Values.Keys);
            foreach (var (name, value) in l.Values)
                Assert.Equal(Describe(value), Describe(c.Values[name]));
            Bits(l.Score, c.Score, what + " score");
            Bits(l.ScoreStandardDeviation, c.ScoreStandardDeviation, what + " deviation");
            Assert.Equal(l.Status, c.Status);
            Assert.Equal(l.Message, c.Message);
            Assert.Equal(l.EpochsRun, c.EpochsRun);
        }
    }

    public static void Metrics(IReadOnlyDictionary<string, double> local, IReadOnlyDictionary<string, double> cluster, string what)
    {
        Assert.Equal(local.Keys, cluster.Keys);
        foreach (var (name, value) in local)
            Bits(value, cluster[name], $"{what} {name}");
    }

    private static string Describe(object value) => value is int[] sizes
        ? "[" + string.Join(",", sizes) + "]"
        : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
}
