namespace MLExtensions.Transforms;

/// <summary>
/// Per-slot mean and population variance by Welford's update in double. A single-pass sum of squares loses
/// every significant digit when the mean dwarfs the spread (1e6 ± 0.01); Welford's running deviations do not.
/// NaN values are skipped, so each slot keeps its own count.
/// </summary>
internal sealed class SlotMoments
{
    private readonly long[] _counts;
    private readonly double[] _means;
    private readonly double[] _squaredDeviations;

    public SlotMoments(int size)
    {
        _counts = new long[size];
        _means = new double[size];
        _squaredDeviations = new double[size];
    }

    public void Add(ReadOnlySpan<float> values)
    {
        for (int slot = 0; slot < values.Length; slot++)
        {
            double x = values[slot];
            if (double.IsNaN(x))
                continue;
            long n = ++_counts[slot];
            double delta = x - _means[slot];
            _means[slot] += delta / n;
            _squaredDeviations[slot] += delta * (x - _means[slot]);
        }
    }

    /// <summary>Means and population standard deviations; NaN for a slot that saw no value.</summary>
    public (double[] Means, double[] StandardDeviations) Result()
    {
        var means = new double[_counts.Length];
        var deviations = new double[_counts.Length];
        for (int slot = 0; slot < means.Length; slot++)
        {
            if (_counts[slot] == 0)
            {
                means[slot] = deviations[slot] = double.NaN;
                continue;
            }
            means[slot] = _means[slot];
            deviations[slot] = Math.Sqrt(Math.Max(0, _squaredDeviations[slot]) / _counts[slot]);
        }
        return (means, deviations);
    }
}
