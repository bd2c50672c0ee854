using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training;

namespace MLExtensions.Splits;

/// <summary>
/// Decides which part every row belongs to. Rows are shuffled within each stratum by the engine's seeded
/// generator, whose sequence is fixed across runtimes, so a seed gives the same parts everywhere.
/// </summary>
internal static class RowAssignment
{
    /// <summary>
    /// Each stratum split into parts by the engine's <see cref="StratifiedAllocation"/>, the rule the trainers' validation
    /// hold-out follows too (equal remainders go to the lower stratum: <see cref="LabelStrata"/> numbers classes by first
    /// appearance and bins by value).
    /// </summary>
    public static int[] ByFractions(int[] strata, IReadOnlyList<double> fractions, IReadOnlyList<int> priority, int seed) =>
        StratifiedAllocation.Assign(strata, fractions, priority, Generator(seed));

    /// <summary>
    /// Each stratum's shuffled rows dealt to the folds in turn, the deal carrying on from one stratum to the
    /// next: fold sizes within a stratum, and overall, differ by at most one.
    /// </summary>
    public static int[] ByFolds(int[] strata, int numberOfFolds, int seed)
    {
        var random = Generator(seed);
        var foldOfRow = new int[strata.Length];
        int deal = 0;
        foreach (var rows in GroupRows(strata))
        {
            random.Shuffle(rows.AsSpan());
            foreach (int row in rows)
                foldOfRow[row] = deal++ % numberOfFolds;
            deal %= numberOfFolds;
        }
        return foldOfRow;
    }

    private static RandomSource Generator(int seed) => new(unchecked((ulong)(long)seed));

    /// <summary>The rows of each stratum in ascending order, strata in ascending order (empty ones skipped).</summary>
    private static IEnumerable<int[]> GroupRows(int[] strata)
    {
        if (strata.Length == 0)
            return Array.Empty<int[]>();
        var sizes = new int[strata.Max() + 1];
        foreach (int stratum in strata)
            sizes[stratum]++;
        var groups = sizes.Select(size => new int[size]).ToArray();
        var filled = new int[sizes.Length];
        for (int row = 0; row < strata.Length; row++)
            groups[strata[row]][filled[strata[row]]++] = row;
        return groups.Where(g => g.Length > 0);
    }
}
