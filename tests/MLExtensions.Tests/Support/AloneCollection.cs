namespace MLExtensions.Tests.Support;

/// <summary>Tests that measure the whole process (what every thread allocates) run in this collection: alone, after the
/// tests that run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
