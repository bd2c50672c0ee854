namespace MLExtensions.Distributed;

/// <summary>One search trial: the search definition's name and space description, the trial's number, round and value
/// codes, and the objective that scores it.</summary>
[GenerateSerializer, Alias("MLExtensions.Distributed.SearchTrialUnit")]
internal sealed class SearchTrialUnit : WorkUnit
{
    [Id(0)] public string Definition { get; set; } = "";
    [Id(1)] public string DefinitionDescription { get; set; } = "";
    [Id(2)] public int Number { get; set; }
    [Id(3)] public int Round { get; set; }
    [Id(4)] public double[] ValueCodes { get; set; } = Array.Empty<double>();
    [Id(5)] public ClusterSearchObjective Objective { get; set; } = null!;

    public override string Label => $"trial {Number}";
}
