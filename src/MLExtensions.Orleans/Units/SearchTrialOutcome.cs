namespace MLExtensions.Distributed;

/// <summary>A search trial's result as the silo's <see cref="SearchTrialRunner{TOptions}"/> gave it, without the values (the client has them).</summary>
[GenerateSerializer, Alias("MLExtensions.Distributed.SearchTrialOutcome")]
internal sealed class SearchTrialOutcome : UnitOutcome
{
    [Id(0)] public double Score { get; set; }
    [Id(1)] public double ScoreStandardDeviation { get; set; }
    [Id(2)] public TrialStatus Status { get; set; }
    [Id(3)] public string? Message { get; set; }
    [Id(4)] public int? EpochsRun { get; set; }
    [Id(5)] public TimeSpan Duration { get; set; }

    public override bool IsFailure => Status != TrialStatus.Completed;

    public static SearchTrialOutcome From(SearchTrial trial) => new()
    {
        Score = trial.Score,
        ScoreStandardDeviation = trial.ScoreStandardDeviation,
        Status = trial.Status,
        Message = trial.Message,
        EpochsRun = trial.EpochsRun,
        Duration = trial.Duration,
    };

    public SearchTrial ToTrial(int number, int round, IReadOnlyDictionary<string, object> values) =>
        new(number, round, values, Score, ScoreStandardDeviation, Status, Message, EpochsRun, Duration);
}
