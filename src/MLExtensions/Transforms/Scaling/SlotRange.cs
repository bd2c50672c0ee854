namespace MLExtensions.Transforms;

/// <summary>Per-slot minimum and maximum, skipping NaN; NaN for a slot that saw no value.</summary>
internal sealed class SlotRange
{
    private readonly double[] _minima;
    private readonly double[] _maxima;

    public SlotRange(int size)
    {
        _minima = new double[size];
        _maxima = new double[size];
        Array.Fill(_minima, double.NaN);
        Array.Fill(_maxima, double.NaN);
    }

    public void Add(ReadOnlySpan<float> values)
    {
        for (int slot = 0; slot < values.Length; slot++)
        {
            double x = values[slot];
            if (double.IsNaN(x))
                continue;
            // A NaN bound means "nothing yet", and every comparison with NaN is false.
            if (!(_minima[slot] <= x))
                _minima[slot] = x;
            if (!(_maxima[slot] >= x))
                _maxima[slot] = x;
        }
    }

    public (double[] Minima, double[] Maxima) Result() => ((double[])_minima.Clone(), (double[])_maxima.Clone());
}
