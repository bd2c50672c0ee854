namespace MLExtensions.Distributed;

/// <summary>What a silo sends back for a finished unit: the unit's own result (in a subclass) and the data it read (so the
/// client can check that every silo read the same bytes).</summary>
[GenerateSerializer, Alias("MLExtensions.Distributed.UnitOutcome")]
internal abstract class UnitOutcome
{
    [Id(0)] public string DataFingerprint { get; set; } = "";

    /// <summary>Whether progress counts it as failed (a search trial that did not complete).</summary>
    public virtual bool IsFailure => false;
}
