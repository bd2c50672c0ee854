namespace Microsoft.ML.Runtime;

public sealed class ProgressHeader
{
    public readonly IReadOnlyList<string> UnitNames;

    public readonly IReadOnlyList<string> MetricNames;

    public ProgressHeader(string[]? metricNames, string[]? unitNames)
    {
        UnitNames = unitNames ?? Array.Empty<string>();
        MetricNames = metricNames ?? Array.Empty<string>();
    }

    public ProgressHeader(params string[] unitNames)
        : this(null, unitNames)
    {
    }
}
