namespace MLExtensions;

/// <summary>
/// One set of hyperparameters tried: its values by parameter name, the objective's mean and standard deviation over
/// folds (NaN unless <see cref="Status"/> is Completed), and for MLP trainers the epochs it ran in total.
/// </summary>
public sealed record SearchTrial(
    int Number,
    int Round,
    IReadOnlyDictionary<string, object> Values,
    double Score,
    double ScoreStandardDeviation,
    TrialStatus Status,
    string? Message,
    int? EpochsRun,
    TimeSpan Duration);
