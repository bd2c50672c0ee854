using Microsoft.ML;
using MLExtensions.Splits;

namespace MLExtensions.Distributed;

/// <summary>How the folds of a cross-validation are drawn: every silo draws them from its own copy of the data with the
/// same code the local cross-validation uses, so a fold index names the same rows everywhere.</summary>
[GenerateSerializer, Immutable, Alias("MLExtensions.Distributed.FoldsRecipe")]
internal sealed class FoldsRecipe
{
    [Id(0)] public int NumberOfFolds { get; set; }
    [Id(1)] public string? StratificationColumnName { get; set; }
    [Id(2)] public int? Seed { get; set; }
    [Id(3)] public int NumberOfBins { get; set; } = 10;

    public IReadOnlyList<TrainTestSplit> Draw(IDataView data) => StratificationColumnName is null
        ? Folds.Plain(data, NumberOfFolds, Seed)
        : Folds.Stratified(data, NumberOfFolds, StratificationColumnName, Seed, NumberOfBins);

    public override string ToString() => StratificationColumnName is null
        ? $"{NumberOfFolds} plain folds, seed {Seed?.ToString() ?? "default"}"
        : $"{NumberOfFolds} folds stratified on '{StratificationColumnName}' ({NumberOfBins} bins), seed {Seed?.ToString() ?? "default"}";
}
