namespace MLExtensions.Distributed;

/// <summary>
/// One piece of a cluster run that a silo does alone: a search trial, a cross-validation fold or a learning-curve point.
/// It holds only names, numbers and data descriptions (never data or code), so it is small and the same wherever it runs.
/// </summary>
[GenerateSerializer, Alias("MLExtensions.Distributed.WorkUnit")]
internal abstract class WorkUnit
{
    /// <summary>How progress reports and messages name it: "trial 3", "fold 2", "64 rows".</summary>
    public abstract string Label { get; }
}
