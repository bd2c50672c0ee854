namespace MLExtensions.Distributed;

/// <summary>One cross-validation fold: fit the named estimator on the other folds, score this one.</summary>
[GenerateSerializer, Alias("MLExtensions.Distributed.CrossValidationFoldUnit")]
internal sealed class CrossValidationFoldUnit : WorkUnit
{
    [Id(0)] public string Estimator { get; set; } = "";
    [Id(1)] public int ContextSeed { get; set; }
    [Id(2)] public ClusterDataSource Data { get; set; } = null!;
    [Id(3)] public FoldsRecipe Folds { get; set; } = null!;
    [Id(4)] public int Fold { get; set; }

    public override string Label => $"fold {Fold + 1}";
}
