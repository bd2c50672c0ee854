namespace MLExtensions.Splits;

/// <summary>
/// Equal-frequency bins for a continuous label, so that stratifying on the bins keeps each part's spread of
/// targets. Cut points are taken at the k/bins quantiles of the sorted values and a value's bin is the number
/// of cut points at or below it, so equal values always share a bin and with distinct values every bin holds
/// n/bins rows, ±1. A label with no more distinct values than bins (class codes stored as floats) gets one bin
/// per value instead: quantile cuts would merge a rare value into its neighbour's bin.
/// </summary>
internal static class QuantileBins
{
    public static int[] Assign(double[] values, int numberOfBins)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var cuts = new List<double>();
        if (CountDistinct(sorted, numberOfBins + 1) <= numberOfBins)
        {
            // Every distinct value but the smallest is a cut point: one bin per value.
            for (int i = 1; i < sorted.Length; i++)
                if (sorted[i] > sorted[i - 1])
                    cuts.Add(sorted[i]);
            return Bin(values, cuts);
        }
        for (int k = 1; k < numberOfBins; k++)
        {
            double cut = sorted[(int)((long)k * sorted.Length / numberOfBins)];
            if (cuts.Count == 0 || cut > cuts[^1])
                cuts.Add(cut);
        }
        return Bin(values, cuts);
    }

    private static int CountDistinct(double[] sorted, int stopAt)
    {
        int distinct = sorted.Length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.Length && distinct < stopAt; i++)
            if (sorted[i] > sorted[i - 1])
                distinct++;
        return distinct;
    }

    private static int[] Bin(double[] values, List<double> cuts)
    {
        var bins = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
            bins[i] = CountAtOrBelow(cuts, values[i]);
        return bins;
    }

    private static int CountAtOrBelow(List<double> cuts, double value)
    {
        int low = 0, high = cuts.Count;
        while (low < high)
        {
            int middle = (low + high) >> 1;
            if (cuts[middle] <= value)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }
}
