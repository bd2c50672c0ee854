namespace MLExtensions.Distributed;

/// <summary>A silo's worker introducing itself: how many units it runs at once. A worker activated
/// on another silo than the one its key names (its own silo is gone) says so, and the client leaves that silo out.</summary>
[GenerateSerializer, Immutable, Alias("MLExtensions.Distributed.WorkerInfo")]
internal sealed class WorkerInfo
{
    [Id(0)] public bool OnIntendedSilo { get; set; }
    [Id(1)] public int ConcurrentUnits { get; set; }
}
