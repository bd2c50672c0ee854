namespace MLExtensions.Transforms;

/// <summary>
/// Per-slot mean and population standard deviation of one standardized column. A slot with zero deviation
/// (constant, or never seen because all its training values were NaN — then mean and deviation are NaN)
/// standardizes to 0 and unstandardizes to its mean.
/// </summary>
public sealed class StandardizedColumn : ScaledColumn
{
    internal const string KindName = "standardized";

    private readonly double[] _means;
    private readonly double[] _deviations;

    internal StandardizedColumn(string outputColumnName, string inputColumnName, int slotCount, bool isVector,
        double[] means, double[] standardDeviations, float[] scales, float[] offsets)
        : base(outputColumnName, inputColumnName, slotCount, isVector, scales, offsets)
    {
        Means = Guard(means, "means");
        StandardDeviations = Guard(standardDeviations, "standardDeviations");
        _means = Means.ToArray();
        _deviations = StandardDeviations.ToArray();
    }

    /// <summary>Per slot, the mean of the training values that are not NaN; NaN for a slot that saw none.</summary>
    public IReadOnlyList<double> Means { get; }

    /// <summary>Per slot, the population (divide by n) standard deviation of the training values that are not NaN; NaN for
    /// a slot that saw none.</summary>
    public IReadOnlyList<double> StandardDeviations { get; }

    internal override string Kind => KindName;

    /// <summary>(x − mean)·(1/deviation) as ML.NET's mean-variance normalizer computes it: mean and deviation rounded to float.</summary>
    private protected override void ScaleCore(ReadOnlySpan<float> values, Span<float> destination) => ApplyAffine(values, destination);

    private protected override void UnscaleCore(ReadOnlySpan<float> values, Span<float> destination)
    {
        for (int slot = 0; slot < values.Length; slot++)
        {
            float z = values[slot];
            double deviation = _deviations[slot], mean = _means[slot];
            destination[slot] = float.IsNaN(z) ? float.NaN
                : deviation > 0 ? (float)(z * deviation + mean)
                : (float)mean;
        }
    }

    internal override void WriteStatistics(BinaryWriter writer)
    {
        WriteArray(writer, _means);
        WriteArray(writer, _deviations);
    }

    internal static StandardizedColumn ReadStatistics(BinaryReader reader, string output, string input, int slots, bool isVector)
    {
        var means = ReadArray(reader, slots);
        var deviations = ReadArray(reader, slots);
        var (scales, offsets) = ReadAffine(reader, slots);
        return new(output, input, slots, isVector, means, deviations, scales, offsets);
    }
}
