using System.Diagnostics;

namespace MLExtensions.Tests.Reliability.Fuzzing;

/// <summary>
/// Loads seeded mutations of a saved file and sorts every load into a <see cref="FuzzOutcome"/>. Each load runs on a
/// thread of its own, so it can be timed out (a hang is reported, and the run stops, since a spinning thread cannot be
/// stopped) and the bytes it allocates measured exactly (<see cref="GC.GetAllocatedBytesForCurrentThread"/>).
/// </summary>
public sealed class LoadFuzzer
{
    private readonly byte[] _original;
    private readonly Func<Stream, object> _load;
    private readonly Func<object, IReadOnlyList<string>> _score;
    private readonly IReadOnlyList<string> _expected;

    /// <param name="original">The saved file.</param>
    /// <param name="load">Loads a file from a stream.</param>
    /// <param name="score">The loaded model's outputs on fixed probe rows, as exact text: equal text is an identical model.</param>
    public LoadFuzzer(byte[] original, Func<Stream, object> load, Func<object, IReadOnlyList<string>> score)
    {
        _original = original;
        _load = load;
        _score = score;
        _expected = score(load(new MemoryStream(original)));
    }

    /// <summary>How long one load may take before it counts as a hang.</summary>
    public TimeSpan TimeBound { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The most one load may allocate: a fixed allowance plus a multiple of the file's size.</summary>
    public long MemoryBound => (32L << 20) + 16L * _original.Length;

    public FuzzReport Run(int mutations, int seed)
    {
        var random = new Random(seed);
        var report = new FuzzReport(_original.Length);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < mutations; i++)
        {
            var (bytes, description) = FileMutation.Mutate(_original, random);
            var (outcome, detail, allocated) = LoadOnce(bytes);
            report.Add(outcome, $"#{i} {description}: {detail}", allocated);
            if (outcome == FuzzOutcome.Hang)
                break;
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    /// <summary>Loads <paramref name="bytes"/> once and judges the load against the original file.</summary>
    internal (FuzzOutcome Outcome, string Detail, long Allocated) LoadOnce(byte[] bytes)
    {
        object? model = null;
        Exception? error = null;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                model = _load(new MemoryStream(bytes, writable: false));
            }
            catch (Exception e)
            {
                error = e;
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }) { IsBackground = true, Name = "fuzz load" };
        thread.Start();
        if (!thread.Join(TimeBound))
            return (FuzzOutcome.Hang, $"no result after {TimeBound.TotalSeconds} s", 0);

        bool unchanged = bytes.AsSpan().SequenceEqual(_original);
        var outcome = error switch
        {
            null when !_score(model!).SequenceEqual(_expected) => FuzzOutcome.SilentChange,
            null => unchanged ? FuzzOutcome.Unchanged : FuzzOutcome.Identical,
            // Refusing the original bytes is no clean refusal but a loader that rejects a valid file.
            InvalidDataException when !unchanged => FuzzOutcome.Refused,
            OutOfMemoryException => FuzzOutcome.OutOfMemory,
            _ => FuzzOutcome.UncleanException,
        };
        if (outcome is FuzzOutcome.Refused or FuzzOutcome.Unchanged or FuzzOutcome.Identical && allocated > MemoryBound)
            outcome = FuzzOutcome.OverMemoryBound;
        string detail = error is null ? $"loaded, {outcome}" : $"{error.GetType().Name}: {error.Message}";
        return (outcome, detail, allocated);
    }
}
