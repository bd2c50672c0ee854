namespace MLExtensions.Progress;

/// <summary>
/// The time left for the epochs still to run, from the mean duration of the latest epochs (the first epochs are
/// slower: compilation and cold caches). With early stopping this is an upper bound: training may end sooner.
/// </summary>
public static class EpochEstimate
{
    /// <param name="durations">The durations of the epochs so far, oldest first.</param>
    /// <param name="remainingEpochs">Epochs still to run; 0 gives zero.</param>
    /// <param name="window">How many of the latest epochs the mean covers.</param>
    public static TimeSpan Remaining(IReadOnlyList<TimeSpan> durations, int remainingEpochs, int window = 10)
    {
        ArgumentNullException.ThrowIfNull(durations);
        if (remainingEpochs < 0)
            throw new ArgumentOutOfRangeException(nameof(remainingEpochs), $"The remaining epochs cannot be negative; they are {remainingEpochs}.");
        if (window < 1)
            throw new ArgumentOutOfRangeException(nameof(window), $"The window must cover at least one epoch; it is {window}.");
        if (remainingEpochs == 0 || durations.Count == 0)
            return TimeSpan.Zero;
        int count = Math.Min(window, durations.Count);
        long ticks = 0;
        for (int i = durations.Count - count; i < durations.Count; i++)
            ticks += durations[i].Ticks;
        return TimeSpan.FromTicks(ticks / count * remainingEpochs);
    }

    /// <summary>"m:ss", or "h:mm:ss" from an hour up.</summary>
    public static string Format(TimeSpan time) => time.TotalHours >= 1
        ? $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}"
        : $"{(int)time.TotalMinutes}:{time.Seconds:00}";
}
