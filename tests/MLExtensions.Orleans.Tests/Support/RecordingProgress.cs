namespace MLExtensions.Distributed.Tests.Support;

/// <summary>Keeps every progress report, in order, on the thread that reports it (no synchronization context involved),
/// and lets a test act on a report before the run goes on.</summary>
public sealed class RecordingProgress : IProgress<ClusterRunProgress>
{
    private readonly List<ClusterRunProgress> _reports = new();

    /// <summary>Runs on the reporting thread before the report returns, so it acts before the run goes on.</summary>
    public Action<ClusterRunProgress>? OnReport { get; init; }

    public IReadOnlyList<ClusterRunProgress> Reports
    {
        get
        {
            lock (_reports)
                return _reports.ToArray();
        }
    }

    public IEnumerable<ClusterRunEvent> Events(ClusterRunEventKind kind) => Reports.Select(r => r.Event).Where(e => e.Kind == kind);

    public void Report(ClusterRunProgress value)
    {
        OnReport?.Invoke(value);
        lock (_reports)
            _reports.Add(value);
    }
}
