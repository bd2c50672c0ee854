using System.Text;

namespace MLExtensions.Tests.Reliability.Fuzzing;

/// <summary>Counts of each outcome, the largest allocation, and the first few loads of each bad kind.</summary>
public sealed class FuzzReport
{
    private const int ExamplesKept = 5;
    private readonly Dictionary<FuzzOutcome, int> _counts = Enum.GetValues<FuzzOutcome>().ToDictionary(o => o, _ => 0);
    private readonly List<string> _examples = new();

    public FuzzReport(int fileBytes) => FileBytes = fileBytes;

    public int FileBytes { get; }
    public int Total { get; private set; }
    public long LargestAllocation { get; private set; }
    public TimeSpan Elapsed { get; internal set; }
    public IReadOnlyDictionary<FuzzOutcome, int> Counts => _counts;

    /// <summary>Loads that ended neither refused nor with the original model, within bounds.</summary>
    public int Bad => Total - _counts[FuzzOutcome.Refused] - _counts[FuzzOutcome.Unchanged] - _counts[FuzzOutcome.Identical]
        - _counts[FuzzOutcome.Altered];

    /// <summary>Up to five loads of each bad outcome, with the mutation that caused them.</summary>
    public IReadOnlyList<string> Examples => _examples;

    internal void Add(FuzzOutcome outcome, string description, long allocated)
    {
        Total++;
        _counts[outcome]++;
        LargestAllocation = Math.Max(LargestAllocation, allocated);
        if (outcome is not (FuzzOutcome.Refused or FuzzOutcome.Unchanged or FuzzOutcome.Identical or FuzzOutcome.Altered)
            && _counts[outcome] <= ExamplesKept)
            _examples.Add($"{outcome}: {description}");
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Total} mutations of a {FileBytes}-byte file in {Elapsed.TotalSeconds:F1} s; largest allocation of one load {LargestAllocation / 1024.0:F0} KiB");
        foreach (var (outcome, count) in _counts)
            text.AppendLine($"  {outcome,-17} {count,7}");
        foreach (var example in _examples)
            text.AppendLine($"  {example}");
        return text.ToString();
    }
}
