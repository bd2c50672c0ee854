using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// A learning rate as a function of progress. Stateless: the rate at a step depends only on the initial
/// rate and the step, so resuming training needs nothing but the step counter.
/// </summary>
/// <remarks>
/// <para><c>step</c> is 0-based and counts whatever the caller decides (<see cref="ScheduleUnit"/>):
/// optimizer updates or epochs; decay lengths are in that same unit. Formulas follow Keras 3 and are
/// evaluated in double, rounded to float once.</para>
/// <para>Some schedules reach 0 (cosine decay with <c>alpha = 0</c>, polynomial decay to 0); the optimizers
/// accept a zero rate, and a step at it leaves the parameters where they are.</para>
/// </remarks>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for 0-based <paramref name="step"/>, starting from <paramref name="initialLearningRate"/>.</summary>
    /// <param name="initialLearningRate">The rate at step 0 (ignored by <see cref="PiecewiseConstantDecay"/>); finite and ≥ 0.</param>
    /// <param name="step">The 0-based count of updates or epochs (see <see cref="ScheduleUnit"/>), ≥ 0.</param>
    /// <returns>The rate, finite and ≥ 0, rounded once to float.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialLearningRate"/> is negative, NaN or infinite, or <paramref name="step"/> is negative.</exception>
    public float LearningRate(float initialLearningRate, long step)
    {
        if (!(initialLearningRate >= 0f) || !float.IsFinite(initialLearningRate))
            throw new ArgumentOutOfRangeException(nameof(initialLearningRate), initialLearningRate, "The initial learning rate must be non-negative and finite.");
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return (float)Compute(initialLearningRate, step);
    }

    /// <summary>Name and hyperparameters; <see cref="FromConfig"/> rebuilds an equal schedule.</summary>
    public abstract ComponentConfig GetConfig();

    /// <summary>Names <see cref="FromConfig"/> accepts.</summary>
    public static IReadOnlyList<string> KnownNames { get; } =
    [
        ConstantSchedule.ConfigName, StepDecay.ConfigName, ExponentialDecay.ConfigName, InverseTimeDecay.ConfigName,
        PowerDecay.ConfigName, PiecewiseConstantDecay.ConfigName, PolynomialDecay.ConfigName, CosineDecay.ConfigName,
    ];

    /// <summary>
    /// Builds the schedule a <see cref="GetConfig"/> described (names compare case-insensitively); parameters it lacks take
    /// the constructor's defaults, and a parameter without a default (for example <c>decay_steps</c>) must be present.
    /// </summary>
    /// <param name="c">A name from <see cref="KnownNames"/> with that schedule's parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="c"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The name is unknown, a required parameter is missing, a key is one the schedule does not take, or an integer or
    /// boolean parameter holds a value of another kind.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static LearningRateSchedule FromConfig(ComponentConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Name.ToLowerInvariant() switch
        {
            ConstantSchedule.ConfigName => ConstantSchedule.Create(c),
            StepDecay.ConfigName => StepDecay.Create(c),
            ExponentialDecay.ConfigName => ExponentialDecay.Create(c),
            InverseTimeDecay.ConfigName => InverseTimeDecay.Create(c),
            PowerDecay.ConfigName => PowerDecay.Create(c),
            PiecewiseConstantDecay.ConfigName => PiecewiseConstantDecay.Create(c),
            PolynomialDecay.ConfigName => PolynomialDecay.Create(c),
            CosineDecay.ConfigName => CosineDecay.Create(c),
            _ => throw new ArgumentException(
                $"Unknown learning-rate schedule '{c.Name}'. Known schedules: {string.Join(", ", KnownNames)}.", nameof(c)),
        };
    }

    /// <summary>The rate in double; <see cref="LearningRate"/> has validated both arguments.</summary>
    protected abstract double Compute(double initialLearningRate, long step);

    // Hyperparameter checks shared by the schedules; each names the offending argument.
    private protected static long Positive(long value, string name)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
        return value;
    }

    private protected static float PositiveFinite(float value, string name)
    {
        if (!(value > 0f) || !float.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, "Must be positive and finite.");
        return value;
    }

    private protected static float NonNegativeFinite(float value, string name)
    {
        if (!(value >= 0f) || !float.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, "Must be non-negative and finite.");
        return value;
    }
}
