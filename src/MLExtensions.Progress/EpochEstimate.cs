namespace MLExtensions.Progress;

/// <summary>
/// The time left for the epochs still to run, from the mean duration of the latest epochs (the first epochs are
/// slower: compilation and cold caches). With early stopping this is an upper bound: training may end sooner.
/// </summary>
public static class EpochEstimate
{
    /// <summary>The time <paramref name="remainingEpochs"/> more epochs take at the mean duration of the latest
    /// <paramref name="window"/> epochs (all of them when there are fewer).</summary>
    /// <param name="durations">The durations of the epochs so far, oldest first. Empty gives zero.</param>
    /// <param name="remainingEpochs">Epochs still to run; 0 gives zero. Not negative.</param>
    /// <param name="window">How many of the latest epochs the mean covers. Default 10; at least 1.</param>
    /// <returns>The estimated time left; <see cref="TimeSpan.Zero"/> when nothing remains or nothing was measured.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="durations"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="remainingEpochs"/> is negative, or
    /// <paramref name="window"/> is less than 1.</exception>
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

    /// <summary>Formats a duration for a progress line: "m:ss" below an hour (minutes not padded, so "0:07" or
    /// "12:30"), "h:mm:ss" from an hour up. Fractions of a second are dropped, not rounded.</summary>
    /// <param name="time">The duration; meant for the non-negative results of <see cref="Remaining"/>.</param>
    /// <returns>The duration as text.</returns>
    public static string Format(TimeSpan time) => time.TotalHours >= 1
        ? $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}"
        : $"{(int)time.TotalMinutes}:{time.Seconds:00}";
}
