namespace MLExtensions;

/// <summary>
/// One metric across folds: its per-fold values, their mean and their standard deviation. The deviation is the
/// population one (divide by the number of folds), as ML.NET's own cross-validation summaries compute it.
/// </summary>
/// <param name="Name">The metric's name, as in <see cref="IEvaluationReport.MetricValues"/>.</param>
/// <param name="Mean">The mean over the folds; NaN if a fold lacks the metric or has it NaN.</param>
/// <param name="StandardDeviation">The population standard deviation over the folds.</param>
/// <param name="Values">The per-fold values in fold order; NaN for a fold whose report lacks the metric.</param>
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
