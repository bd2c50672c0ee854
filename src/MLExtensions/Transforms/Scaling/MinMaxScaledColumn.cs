namespace MLExtensions.Transforms;

/// <summary>
/// Per-slot training range of one min-max scaled column and the target range it maps to. A constant slot
/// (or one never seen: all its training values NaN, so its range is NaN) scales to <see cref="TargetMin"/>.
/// <para>
/// The scaling runs as ML.NET computes it: its min-max normalizer's t = (x − min)·(1/(max − min)) in single
/// precision, then, for a target other than [0, 1], <see cref="TargetMin"/> + t·(<see cref="TargetMax"/> −
/// <see cref="TargetMin"/>), then the clamp when the column clips.
/// </para>
/// </summary>
public sealed class MinMaxScaledColumn : ScaledColumn
{
    internal const string KindName = "min-max";

    private readonly double[] _minima;
    private readonly double[] _maxima;

    internal MinMaxScaledColumn(string outputColumnName, string inputColumnName, int slotCount, bool isVector,
        double[] minima, double[] maxima, float targetMin, float targetMax, bool clip, float[] scales, float[] offsets)
        : base(outputColumnName, inputColumnName, slotCount, isVector, scales, offsets)
    {
        MinMaxScalingEstimator.CheckTargetRange(targetMin, targetMax);
        Minima = Guard(minima, "minima");
        Maxima = Guard(maxima, "maxima");
        _minima = Minima.ToArray();
        _maxima = Maxima.ToArray();
        TargetMin = targetMin;
        TargetMax = targetMax;
        Clip = clip;
    }

    /// <summary>The smallest training value of each slot.</summary>
    public IReadOnlyList<double> Minima { get; }

    /// <summary>The largest training value of each slot.</summary>
    public IReadOnlyList<double> Maxima { get; }

    /// <summary>What a slot's training minimum maps to.</summary>
    public float TargetMin { get; }

    /// <summary>What a slot's training maximum maps to.</summary>
    public float TargetMax { get; }

    /// <summary>Whether values outside the training range are clamped to [<see cref="TargetMin"/>, <see cref="TargetMax"/>].</summary>
    public bool Clip { get; }

    /// <summary>Whether the target range is other than ML.NET's [0, 1], so a map from [0, 1] onto it follows the normalizer.</summary>
    internal bool MapsTarget => !(TargetMin == 0f && TargetMax == 1f);

    /// <summary>TargetMax − TargetMin in single precision, the factor of that map.</summary>
    internal float TargetSpan => TargetMax - TargetMin;

    internal override string Kind => KindName;

    private protected override void ScaleCore(ReadOnlySpan<float> values, Span<float> destination)
    {
        ApplyAffine(values, destination);
        if (!MapsTarget && !Clip)
            return;
        float span = TargetSpan;
        for (int slot = 0; slot < destination.Length; slot++)
        {
            float y = destination[slot];
            if (MapsTarget)
                y = TargetMin + y * span;
            if (Clip)
                y = MathF.Min(MathF.Max(y, TargetMin), TargetMax);
            destination[slot] = y;
        }
    }

    private protected override void UnscaleCore(ReadOnlySpan<float> values, Span<float> destination)
    {
        double targetSpan = (double)TargetMax - TargetMin;
        for (int slot = 0; slot < values.Length; slot++)
        {
            float y = values[slot];
            double low = _minima[slot], high = _maxima[slot];
            destination[slot] = float.IsNaN(y) ? float.NaN
                : high > low ? (float)(low + (y - TargetMin) * (high - low) / targetSpan)
                : (float)low;
        }
    }

    internal override void WriteStatistics(BinaryWriter writer)
    {
        WriteArray(writer, _minima);
        WriteArray(writer, _maxima);
        writer.Write(TargetMin);
        writer.Write(TargetMax);
        writer.Write(Clip);
    }

    internal static MinMaxScaledColumn ReadStatistics(BinaryReader reader, string output, string input, int slots, bool isVector)
    {
        var minima = ReadArray(reader, slots);
        var maxima = ReadArray(reader, slots);
        float targetMin = reader.ReadSingle();
        float targetMax = reader.ReadSingle();
        bool clip = reader.ReadBoolean();
        var (scales, offsets) = ReadAffine(reader, slots);
        return new MinMaxScaledColumn(output, input, slots, isVector, minima, maxima, targetMin, targetMax, clip, scales, offsets);
    }
}
