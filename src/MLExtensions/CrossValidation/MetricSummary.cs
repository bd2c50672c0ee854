namespace MLExtensions;

/// <summary>
/// One metric across folds: its per-fold values, their mean and their standard deviation. The deviation is the
/// population one (divide by the number of folds), as ML.NET's own cross-validation summaries compute it.
/// </summary>
public sealed record MetricSummary(string Name, double Mean, double StandardDeviation, IReadOnlyList<double> Values)
{
    internal static MetricSummary Of(string name, IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            return new MetricSummary(name, double.NaN, double.NaN, values);
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return new MetricSummary(name, mean, Math.Sqrt(variance), values);
    }
}
