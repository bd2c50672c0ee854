namespace MLExtensions.Engine.Training;

/// <summary>
/// Per-layer health figures for choosing a learning rate and an initialization: the size of the last update
/// relative to the weights (around 1e-3 is healthy), the weight norm, and the distribution of the layer's outputs
/// and of the loss gradient reaching them over a fixed probe batch (<see cref="TrainingOptions.ProbeBatchSize"/>).
/// Collected once per epoch when <see cref="TrainingOptions.CollectDiagnostics"/> is set.
/// </summary>
/// <param name="Layer">The 0-based index of the layer in the network.</param>
/// <param name="Description">The layer's description, e.g. "dense(300, relu)".</param>
/// <param name="UpdateToWeightRatio">The L2 norm of the epoch's last update to the layer's parameters over the norm of
/// the parameters before it; NaN for a layer without parameters.</param>
/// <param name="WeightNorm">The L2 norm of the layer's parameters (weights and biases) after the epoch; NaN for a layer
/// without parameters.</param>
/// <param name="Activations">The layer's outputs on the probe batch, in a training-mode forward pass.</param>
/// <param name="Gradients">The gradient of the loss with respect to the layer's outputs on the probe batch.</param>
public sealed record LayerDiagnostics(
    int Layer,
    string Description,
    double UpdateToWeightRatio,
    double WeightNorm,
    DistributionSummary Activations,
    DistributionSummary Gradients);

/// <summary>Mean, standard deviation and a histogram of a set of values.</summary>
/// <param name="Mean">The mean; NaN for no values.</param>
/// <param name="StandardDeviation">The population standard deviation (divided by the count); NaN for no values.</param>
/// <param name="Minimum">The smallest value; NaN for no values.</param>
/// <param name="Maximum">The largest value; NaN for no values.</param>
/// <param name="Histogram">Counts in equal-width bins from <paramref name="Minimum"/> to <paramref name="Maximum"/>
/// (the maximum falls in the last bin; equal values all in the first); empty for no values.</param>
public sealed record DistributionSummary(double Mean, double StandardDeviation, double Minimum, double Maximum, IReadOnlyList<int> Histogram)
{
    /// <summary>Summarizes <paramref name="values"/>.</summary>
    /// <param name="values">The values; may be empty.</param>
    /// <param name="bins">The number of histogram bins. Default 20; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is not positive.</exception>
    public static DistributionSummary Of(ReadOnlySpan<float> values, int bins = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
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
