namespace MLExtensions.Splits;

/// <summary>
/// How many rows of one stratum go to each part. Each stratum is rounded on its own by largest remainder, so
/// its counts are the exact proportions rounded as closely as a sum of <c>n</c> allows (70 rows at 0.8/0.2 give
/// 56/14); part totals are the sums, within one row per stratum of the overall fractions. Then each of the
/// first parts in <c>priority</c> gets at least one row while the stratum has rows for it: a class of two
/// rows lands in both train and test rather than twice in train.
/// </summary>
internal static class PartAllocation
{
    // Products like 70 * 0.2 = 14.000000000000002 must not round as if a row's worth were at stake.
    private const double Tolerance = 1e-9;

    public static int[] Allocate(int rows, IReadOnlyList<double> fractions, IReadOnlyList<int> priority)
    {
        int parts = fractions.Count;
        var quotas = new double[parts];
        var counts = new int[parts];
        int given = 0;
        for (int j = 0; j < parts; j++)
        {
            quotas[j] = rows * fractions[j];
            counts[j] = (int)Math.Floor(quotas[j] + Tolerance);
            given += counts[j];
        }

        // The tolerance could round a quota up past what the rows allow when fractions are given imprecisely.
        while (given > rows)
        {
            int over = Enumerable.Range(0, parts).Where(j => counts[j] > 0).MaxBy(j => counts[j] - quotas[j]);
            counts[over]--;
            given--;
        }

        var rank = new int[parts];
        for (int r = 0; r < priority.Count; r++)
            rank[priority[r]] = r;
        // Equal remainders go to the part that comes first in priority.
        var byRemainder = Enumerable.Range(0, parts)
            .OrderByDescending(j => Math.Round(quotas[j] - counts[j], 9))
            .ThenBy(j => rank[j])
            .ToArray();
        for (int k = 0; given < rows; k = (k + 1) % parts)
        {
            counts[byRemainder[k]]++;
            given++;
        }

        int needed = Math.Min(rows, parts);
        for (int r = 0; r < needed; r++)
        {
            int part = priority[r];
            if (counts[part] > 0)
                continue;
            int donor = Donor(counts, quotas, rank, needed);
            counts[donor]--;
            counts[part]++;
        }
        return counts;
    }

    /// <summary>
    /// The part that can best spare a row: one keeping at least one row if it is among the <paramref name="needed"/>
    /// first in priority, the furthest above its quota, the latest in priority on a tie.
    /// </summary>
    private static int Donor(int[] counts, double[] quotas, int[] rank, int needed)
    {
        int best = -1;
        for (int j = 0; j < counts.Length; j++)
        {
            int keep = rank[j] < needed ? 1 : 0;
            if (counts[j] <= keep)
                continue;
            if (best < 0)
            {
                best = j;
                continue;
            }
            double excess = counts[j] - quotas[j], bestExcess = counts[best] - quotas[best];
            if (excess > bestExcess + Tolerance || (Math.Abs(excess - bestExcess) <= Tolerance && rank[j] > rank[best]))
                best = j;
        }
        return best >= 0 ? best : throw new InvalidOperationException("No part can spare a row; this is a bug in PartAllocation.");
    }
}
