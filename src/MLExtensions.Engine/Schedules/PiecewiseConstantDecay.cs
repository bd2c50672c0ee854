using System.Globalization;
using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Schedules;

/// <summary>
/// Keras <c>PiecewiseConstantDecay</c>: <c>values[0]</c> while <c>t ≤ boundaries[0]</c>, <c>values[i]</c>
/// while <c>boundaries[i−1] &lt; t ≤ boundaries[i]</c>, and the last value after the last boundary.
/// </summary>
/// <remarks>
/// The values are absolute learning rates, so the <c>initialLearningRate</c> argument is ignored
/// (as in Keras, where this schedule has no initial rate at all).
/// </remarks>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    /// <summary>The name in <see cref="ComponentConfig"/>s and <see cref="LearningRateSchedule.KnownNames"/>: <c>"piecewise_constant_decay"</c>.</summary>
    public const string ConfigName = "piecewise_constant_decay";

    private readonly long[] _boundaries;
    private readonly float[] _values;

    /// <summary>A piecewise-constant schedule; both arrays are copied.</summary>
    /// <param name="boundaries">The steps where the rate changes, strictly increasing; may be empty (a constant rate).</param>
    /// <param name="values">The rates, one more than <paramref name="boundaries"/>, each finite and ≥ 0.</param>
    /// <exception cref="ArgumentNullException">An array is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The lengths do not match, or the boundaries are not strictly increasing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite.</exception>
    public PiecewiseConstantDecay(long[] boundaries, float[] values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != boundaries.Length + 1)
            throw new ArgumentException(
                $"{nameof(values)} must have one element more than {nameof(boundaries)} ({boundaries.Length + 1}), not {values.Length}.",
                nameof(values));
        for (int i = 1; i < boundaries.Length; i++)
            if (boundaries[i] <= boundaries[i - 1])
                throw new ArgumentException(
                    $"{nameof(boundaries)} must be strictly increasing, but boundaries[{i}] = {boundaries[i]} follows {boundaries[i - 1]}.",
                    nameof(boundaries));
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] >= 0f) || !float.IsFinite(values[i]))
                throw new ArgumentOutOfRangeException(nameof(values), values[i], $"values[{i}] must be a non-negative finite learning rate.");
        // Copies, so the caller cannot change the schedule after it was validated.
        _boundaries = (long[])boundaries.Clone();
        _values = (float[])values.Clone();
    }

    /// <summary>The steps where the rate changes, strictly increasing. Config keys <c>boundary0</c>, <c>boundary1</c>, ….</summary>
    public IReadOnlyList<long> Boundaries => _boundaries;

    /// <summary>The rates, one more than <see cref="Boundaries"/>. Config keys <c>value0</c>, <c>value1</c>, ….</summary>
    public IReadOnlyList<float> Values => _values;

    /// <inheritdoc/>
    public override ComponentConfig GetConfig()
    {
        var parameters = new List<KeyValuePair<string, double>>(_boundaries.Length + _values.Length);
        for (int i = 0; i < _boundaries.Length; i++)
            parameters.Add(ConfigParameters.Entry(BoundaryKey(i), _boundaries[i]));
        for (int i = 0; i < _values.Length; i++)
            parameters.Add(ConfigParameters.Entry(ValueKey(i), _values[i]));
        return new ComponentConfig(ConfigName, parameters);
    }

    internal static PiecewiseConstantDecay Create(ComponentConfig config)
    {
        int count = 0;
        while (config.Parameters.ContainsKey(BoundaryKey(count)))
            count++;
        var allowed = new string[2 * count + 1];
        var boundaries = new long[count];
        var values = new float[count + 1];
        for (int i = 0; i < count; i++)
        {
            allowed[i] = BoundaryKey(i);
            boundaries[i] = ConfigParameters.ReadLong(config, BoundaryKey(i));
        }
        for (int i = 0; i <= count; i++)
        {
            allowed[count + i] = ValueKey(i);
            values[i] = ConfigParameters.ReadFloat(config, ValueKey(i));
        }
        ConfigParameters.Check(config, "learning-rate schedule", ConfigName, allowed);
        return new PiecewiseConstantDecay(boundaries, values);
    }

    /// <inheritdoc/>
    protected override double Compute(double initialLearningRate, long step)
    {
        // An exact hit belongs to the interval the boundary closes; otherwise the complement is the
        // index of the first boundary above the step, which is also that interval's value index.
        int index = Array.BinarySearch(_boundaries, step);
        return _values[index >= 0 ? index : ~index];
    }

    private static string BoundaryKey(int i) => "boundary" + i.ToString(CultureInfo.InvariantCulture);

    private static string ValueKey(int i) => "value" + i.ToString(CultureInfo.InvariantCulture);
}
