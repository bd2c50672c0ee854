namespace MLExtensions;

/// <summary>
/// A report's metrics as one table of names and readers, so that <see cref="IEvaluationReport.MetricValues"/> and the
/// list of names a search objective checks at creation cannot disagree. A reader returns null for a metric the report
/// lacks (LogLoss without a Probability column, TopKAccuracy when it was not requested).
/// </summary>
internal sealed class MetricTable<TReport>
{
    private readonly (string Name, Func<TReport, double?> Read)[] _metrics;

    public MetricTable(params (string Name, Func<TReport, double?> Read)[] metrics) => _metrics = metrics;

    /// <summary>Every name the table can give, in its order.</summary>
    public IEnumerable<string> Names => _metrics.Select(m => m.Name);

    /// <summary>The metrics <paramref name="report"/> has, by name, in the table's order.</summary>
    public IReadOnlyDictionary<string, double> Values(TReport report) => _metrics
        .Select(m => (m.Name, Value: m.Read(report)))
        .Where(m => m.Value is not null)
        .ToDictionary(m => m.Name, m => m.Value!.Value);
}
