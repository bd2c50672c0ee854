using System.Diagnostics;
using MLExtensions.Engine.Serialization;

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

    /// <summary>
    /// Mutates the bytes of one segment and reseals the file with its digests recomputed, so every mutation passes the
    /// verification and reaches that segment's parser, as a forged file would. A model that then loads and scores differently
    /// is what the file now says (<see cref="FuzzOutcome.Altered"/>), not a silent change; every other outcome is judged as
    /// in <see cref="Run"/>.
    /// </summary>
    public FuzzReport RunResealed(int mutations, int seed)
    {
        var (kind, segments) = ModelContainer.ReadSegments(new MemoryStream(_original));
        var random = new Random(seed);
        var report = new FuzzReport(_original.Length);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < mutations; i++)
        {
            int target = random.Next(segments.Count);
            var (bytes, description) = FileMutation.Mutate(segments[target].Bytes, random);
            var resealed = segments.Select((segment, s) => s == target ? new ModelSegment(segment.Name, bytes) : segment).ToList();
            using var file = new MemoryStream();
            ModelContainer.Write(file, kind, resealed);
            var (outcome, detail, allocated) = LoadOnce(file.ToArray(), resealed: true);
            report.Add(outcome, $"#{i} segment '{segments[target].Name}', {description}: {detail}", allocated);
            if (outcome == FuzzOutcome.Hang)
                break;
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    /// <summary>Whether the model scores the probe rows exactly as the original; a model that cannot score them at all (a
    /// resealed file naming another feature column) does not.</summary>
    private bool ScoresAsTheOriginal(object model)
    {
        try
        {
            return _score(model).SequenceEqual(_expected);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Loads <paramref name="bytes"/> once and judges the load against the original file.</summary>
    internal (FuzzOutcome Outcome, string Detail, long Allocated) LoadOnce(byte[] bytes, bool resealed = false)
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
        })
        { IsBackground = true, Name = "fuzz load" };
        thread.Start();
        if (!thread.Join(TimeBound))
            return (FuzzOutcome.Hang, $"no result after {TimeBound.TotalSeconds} s", 0);

        bool unchanged = bytes.AsSpan().SequenceEqual(_original);
        var outcome = error switch
        {
            null when !ScoresAsTheOriginal(model!) => resealed ? FuzzOutcome.Altered : FuzzOutcome.SilentChange,
            null => unchanged ? FuzzOutcome.Unchanged : FuzzOutcome.Identical,
            // Refusing the original bytes is no clean refusal but a loader that rejects a valid file.
            InvalidDataException when !unchanged => FuzzOutcome.Refused,
            OutOfMemoryException => FuzzOutcome.OutOfMemory,
            _ => FuzzOutcome.UncleanException,
        };
        if (outcome is FuzzOutcome.Refused or FuzzOutcome.Unchanged or FuzzOutcome.Identical or FuzzOutcome.Altered && allocated > MemoryBound)
            outcome = FuzzOutcome.OverMemoryBound;
        string detail = error is null ? $"loaded, {outcome}" : $"{error.GetType().Name}: {error.Message}";
        return (outcome, detail, allocated);
    }
}
