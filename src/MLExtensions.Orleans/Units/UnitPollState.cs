namespace MLExtensions.Distributed;

/// <summary>Where a unit stands in a silo's answer (<see cref="UnitPoll"/>).</summary>
internal enum UnitPollState
{
    Running,
    Finished,
    Failed,
    Lost,
}
