namespace MLExtensions.Distributed;

/// <summary>A silo's answer when asked about a unit: still running, finished (with its outcome), failed in a way that ends
/// the run (with the error), or lost (the silo is stopping, or the worker asked is not on the silo it was meant for).</summary>
[GenerateSerializer, Immutable, Alias("MLExtensions.Distributed.UnitPoll")]
internal sealed class UnitPoll
{
    [Id(0)] public UnitPollState State { get; set; }
    [Id(1)] public UnitOutcome? Outcome { get; set; }
    [Id(2)] public string? Error { get; set; }
    [Id(3)] public string? ErrorType { get; set; }

    public static UnitPoll Running { get; } = new() { State = UnitPollState.Running };

    public static UnitPoll Finished(UnitOutcome outcome) => new() { State = UnitPollState.Finished, Outcome = outcome };

    public static UnitPoll Failed(Exception error) => new() { State = UnitPollState.Failed, Error = error.Message, ErrorType = error.GetType().FullName };

    public static UnitPoll Lost(string why) => new() { State = UnitPollState.Lost, Error = why };
}
