namespace MLExtensions.Distributed;

/// <summary>
/// One point of a learning curve (the named estimator fitted on a stratified subset of <see cref="Size"/> training rows,
/// its training and validation error), or, with <see cref="Size"/> 0, the number of training rows the curve can use.
/// </summary>
[GenerateSerializer, Alias("MLExtensions.Distributed.LearningCurveUnit")]
internal sealed class LearningCurveUnit : WorkUnit
{
    [Id(0)] public string Estimator { get; set; } = "";
    [Id(1)] public int ContextSeed { get; set; }
    [Id(2)] public PredictionKind Kind { get; set; }
    [Id(3)] public ClusterDataSource TrainData { get; set; } = null!;
    [Id(4)] public ClusterDataSource? ValidationData { get; set; }
    [Id(5)] public string LabelColumnName { get; set; } = "Label";
    [Id(6)] public string StratificationColumnName { get; set; } = "Label";
    [Id(7)] public int? Seed { get; set; }
    [Id(8)] public int NumberOfBins { get; set; }
    [Id(9)] public long Size { get; set; }

    public override string Label => Size == 0 ? "training rows" : $"{Size} rows";

    /// <summary>What decides the curve's training and validation parts, for a silo's cache of prepared splits.</summary>
    public string PreparationKey =>
        $"curve: validation {ValidationData?.ToString() ?? "held out"} strata '{StratificationColumnName}' seed {Seed?.ToString() ?? "default"} bins {NumberOfBins}";
}
