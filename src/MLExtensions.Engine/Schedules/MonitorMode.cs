namespace MLExtensions.Engine.Schedules;

/// <summary>Which direction of a monitored quantity counts as an improvement.</summary>
public enum MonitorMode
{
    /// <summary>Lower is better (losses).</summary>
    Min,

    /// <summary>Higher is better (accuracies).</summary>
    Max,
}
