namespace MLExtensions.Engine.Training;

/// <summary>
/// Per-layer health figures for choosing a learning rate and an initialization (Glorot and Bengio, 2010): the size of
/// the last update relative to the weights (around 1e-3 is healthy), the weight norm, and the distribution of
/// the layer's outputs and of the loss gradient reaching them over a fixed probe batch.
/// </summary>
public sealed record LayerDiagnostics(
    int Layer,
    string Description,
    double UpdateToWeightRatio,
    double WeightNorm,
    DistributionSummary Activations,
    DistributionSummary Gradients);

/// <summary>Mean, standard deviation and a fixed-range histogram of a set of values.</summary>
public sealed record DistributionSummary(double Mean, double StandardDeviation, double Minimum, double Maximum, IReadOnlyList<int> Histogram)
{
    public static DistributionSummary Of(ReadOnlySpan<float> values, int bins = 20)
    {
        if (values.IsEmpty)
            return new DistributionSummary(double.NaN, double.NaN, double.NaN, double.NaN, Array.Empty<int>());
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (float v in values)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        double mean = sum / values.Length, squares = 0;
        foreach (float v in values)
            squares += (v - mean) * (v - mean);
        var histogram = new int[bins];
        double width = (max - min) / bins;
        foreach (float v in values)
        {
            int bin = width > 0 ? (int)((v - min) / width) : 0;
            histogram[Math.Clamp(bin, 0, bins - 1)]++;
        }
        return new DistributionSummary(mean, Math.Sqrt(squares / values.Length), min, max, histogram);
    }
}
