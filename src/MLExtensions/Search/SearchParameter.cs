using System.Globalization;
using MLExtensions.Engine.Randomness;

namespace MLExtensions;

/// <summary>
/// One dimension of a <see cref="SearchSpace{TOptions}"/>: how to sample it, lay it on a grid, narrow it around good
/// values, and write a value into the options. Values are boxed so trials can list them side by side.
/// </summary>
internal abstract class SearchParameter<TOptions>
{
    protected SearchParameter(string name) => Name = name;

    public string Name { get; }

    /// <summary>A value drawn with <paramref name="random"/>, the engine's generator, so a seed gives the same draws on every runtime.</summary>
    public abstract object Sample(RandomSource random);

    public abstract IReadOnlyList<object> Grid(int points);

    /// <summary>This parameter restricted to where <paramref name="goodValues"/> lie, never wider than half of it, containing <paramref name="best"/>.</summary>
    public abstract SearchParameter<TOptions> Narrow(object best, IReadOnlyList<object> goodValues);

    public abstract void Apply(TOptions options, object value);

    /// <summary>A value of this parameter as one number, so a trial's values can travel to another process that holds the
    /// same space: the value itself for ranges, the index among the choices for a choice.</summary>
    public abstract double ToCode(object value);

    /// <summary>The value <see cref="ToCode"/> turned into <paramref name="code"/>.</summary>
    public abstract object FromCode(double code);

    public abstract string Format(object value);

    public abstract string Describe();
}

/// <summary>A real-valued range, sampled uniformly either on the value or on its logarithm (for scales such as learning rates).</summary>
internal sealed class RealParameter<TOptions> : SearchParameter<TOptions>
{
    private readonly Action<TOptions, double> _apply;

    public RealParameter(string name, double min, double max, bool logScale, Action<TOptions, double> apply)
        : base(name)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
            throw new ArgumentOutOfRangeException(nameof(min), $"The range of '{name}' must be finite with min ≤ max; it is [{min}, {max}].");
        if (logScale && min <= 0)
            throw new ArgumentOutOfRangeException(nameof(min), $"The log-uniform range of '{name}' must be positive; it starts at {min}.");
        Min = min;
        Max = max;
        LogScale = logScale;
        _apply = apply ?? throw new ArgumentNullException(nameof(apply));
    }

    public double Min { get; }
    public double Max { get; }
    public bool LogScale { get; }

    // Sampling, grids and narrowing all work on this scale, so log-uniform ranges are treated evenly per decade.
    private double ToScale(double v) => LogScale ? Math.Log(v) : v;
    private double FromScale(double s) => LogScale ? Math.Exp(s) : s;

    public override object Sample(RandomSource random)
    {
        double lo = ToScale(Min), hi = ToScale(Max);
        return Math.Clamp(FromScale(lo + random.NextDouble() * (hi - lo)), Min, Max);
    }

    public override IReadOnlyList<object> Grid(int points)
    {
        double lo = ToScale(Min), hi = ToScale(Max);
        if (points == 1 || lo == hi)
            return new object[] { FromScale((lo + hi) / 2) };
        return Enumerable.Range(0, points).Select(i => (object)Math.Clamp(FromScale(lo + (hi - lo) * i / (points - 1)), Min, Max)).ToArray();
    }

    public override SearchParameter<TOptions> Narrow(object best, IReadOnlyList<object> goodValues)
    {
        double lo = ToScale(Min), hi = ToScale(Max), width = hi - lo;
        var good = goodValues.Select(v => ToScale((double)v)).ToArray();
        double center = ToScale((double)best);
        double newLo = Math.Max(lo, good.Min() - 0.1 * width);
        double newHi = Math.Min(hi, good.Max() + 0.1 * width);
        if (newHi - newLo > width / 2)
        {
            newLo = Math.Clamp(center - width / 4, lo, hi - width / 2);
            newHi = newLo + width / 2;
        }
        return new RealParameter<TOptions>(Name, Math.Max(Min, FromScale(newLo)), Math.Min(Max, FromScale(newHi)), LogScale, _apply);
    }

    public override void Apply(TOptions options, object value) => _apply(options, (double)value);

    public override double ToCode(object value) => (double)value;

    public override object FromCode(double code) => code;

    public override string Format(object value) => ((double)value).ToString("G4", CultureInfo.InvariantCulture);

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Name} ∈ [{Min:G4}, {Max:G4}]{(LogScale ? " log-uniform" : "")}");
}

/// <summary>An integer range, both ends included, sampled uniformly.</summary>
internal sealed class IntegerParameter<TOptions> : SearchParameter<TOptions>
{
    private readonly Action<TOptions, int> _apply;

    public IntegerParameter(string name, int min, int max, Action<TOptions, int> apply)
        : base(name)
    {
        if (min > max)
            throw new ArgumentOutOfRangeException(nameof(min), $"The range of '{name}' needs min ≤ max; it is [{min}, {max}].");
        Min = min;
        Max = max;
        _apply = apply ?? throw new ArgumentNullException(nameof(apply));
    }

    public int Min { get; }
    public int Max { get; }

    public override object Sample(RandomSource random)
    {
        long count = (long)Max - Min + 1;
        if (count <= int.MaxValue)
            return Min + random.NextInt((int)count);
        // Wider than an int can count (at most 2³²): the high 32 bits are uniform, and values past the range are drawn again.
        while (true)
        {
            long offset = (long)(random.NextUInt64() >> 32);
            if (offset < count)
                return (int)(Min + offset);
        }
    }

    public override IReadOnlyList<object> Grid(int points)
    {
        long count = (long)Max - Min + 1;
        if (count <= points)
            return Enumerable.Range(0, (int)count).Select(i => (object)(Min + i)).ToArray();
        if (points == 1)
            return new object[] { Min + (int)(count / 2) };
        return Enumerable.Range(0, points).Select(i => (int)Math.Round(Min + ((double)Max - Min) * i / (points - 1))).Distinct().Select(v => (object)v).ToArray();
    }

    public override SearchParameter<TOptions> Narrow(object best, IReadOnlyList<object> goodValues)
    {
        var good = goodValues.Cast<int>().ToArray();
        int width = Max - Min;
        int lo = Math.Max(Min, good.Min() - width / 10);
        int hi = Math.Min(Max, good.Max() + width / 10);
        if (hi - lo > width / 2 && width >= 2)
        {
            lo = Math.Clamp((int)best - width / 4, Min, Max - width / 2);
            hi = lo + width / 2;
        }
        return new IntegerParameter<TOptions>(Name, lo, hi, _apply);
    }

    public override void Apply(TOptions options, object value) => _apply(options, (int)value);

    public override double ToCode(object value) => (int)value;

    public override object FromCode(double code) => checked((int)code);

    public override string Format(object value) => ((int)value).ToString(CultureInfo.InvariantCulture);

    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Name} ∈ {{{Min}..{Max}}}");
}

/// <summary>A finite set of values (activations, optimizers, layer sizes), sampled uniformly.</summary>
internal sealed class ChoiceParameter<TOptions, TValue> : SearchParameter<TOptions>
{
    private readonly IReadOnlyList<TValue> _values;
    private readonly Action<TOptions, TValue> _apply;

    public ChoiceParameter(string name, IReadOnlyList<TValue> values, Action<TOptions, TValue> apply)
        : base(name)
    {
        if (values is null || values.Count == 0)
            throw new ArgumentException($"The choice '{name}' needs at least one value.", nameof(values));
        _values = values;
        _apply = apply ?? throw new ArgumentNullException(nameof(apply));
    }

    public override object Sample(RandomSource random) => _values[random.NextInt(_values.Count)]!;

    public override IReadOnlyList<object> Grid(int points) => _values.Select(v => (object)v!).ToArray();

    public override SearchParameter<TOptions> Narrow(object best, IReadOnlyList<object> goodValues)
    {
        var kept = _values.Where(v => goodValues.Any(g => Equals(g, v))).ToArray();
        return new ChoiceParameter<TOptions, TValue>(Name, kept.Length > 0 ? kept : new[] { (TValue)best }, _apply);
    }

    public override void Apply(TOptions options, object value) => _apply(options, (TValue)value);

    public override double ToCode(object value)
    {
        // Sampled values are the list's own objects, so arrays and other reference types are found by identity.
        for (int i = 0; i < _values.Count; i++)
        {
            if (Equals(_values[i], value))
                return i;
        }
        throw new ArgumentException($"{Format(value)} is not one of the choices of '{Name}'.", nameof(value));
    }

    public override object FromCode(double code)
    {
        int index = (int)code;
        if (index != code || index < 0 || index >= _values.Count)
            throw new ArgumentOutOfRangeException(nameof(code), code, $"The choice '{Name}' has {_values.Count} values; there is no value number {code}.");
        return _values[index]!;
    }

    public override string Format(object value) => value switch
    {
        int[] sizes => "[" + string.Join(",", sizes) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public override string Describe() => $"{Name} ∈ {{{string.Join(", ", _values.Select(v => Format(v!)))}}}";
}
