namespace MLExtensions.Engine.Schedules;

/// <summary>
/// What the <c>step</c> passed to <see cref="LearningRateSchedule.LearningRate"/> counts. Schedules are
/// unit-agnostic (decay steps are in the same unit as the step); this records the caller's choice.
/// </summary>
public enum ScheduleUnit
{
    /// <summary>Optimizer updates (mini-batches), as Keras schedules count them.</summary>
    Step,

    /// <summary>Passes over the training data; the rate then stays fixed within an epoch.</summary>
    Epoch,
}
