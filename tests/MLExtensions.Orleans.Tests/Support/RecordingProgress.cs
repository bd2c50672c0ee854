namespace MLExtensions.Distributed.Tests.Support;

/// <summary>Keeps every progress report, in order, on the thread that reports it (no synchronization context involved),
/// and lets a test act when a report first matches.</summary>
public sealed class RecordingProgress : IProgress<ClusterRunProgress>
{
    private readonly List<ClusterRunProgress> _reports = new();
    private readonly List<(Func<ClusterRunProgress, bool> When, TaskCompletionSource Seen)> _waits = new();

    public IReadOnlyList<ClusterRunProgress> Reports
    {
        get
        {
            lock (_reports)
                return _reports.ToArray();
        }
    }

    public IEnumerable<ClusterRunEvent> Events(ClusterRunEventKind kind) => Reports.Select(r => r.Event).Where(e => e.Kind == kind);

    /// <summary>Completes once a report matching <paramref name="when"/> arrives.</summary>
    public Task WhenSeen(Func<ClusterRunProgress, bool> when)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_reports)
        {
            if (_reports.Any(when))
                seen.SetResult();
            else
                _waits.Add((when, seen));
        }
        return seen.Task;
    }

    public void Report(ClusterRunProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
            foreach (var wait in _waits.Where(w => w.When(value)).ToArray())
            {
                wait.Seen.TrySetResult();
                _waits.Remove(wait);
            }
        }
    }
}
