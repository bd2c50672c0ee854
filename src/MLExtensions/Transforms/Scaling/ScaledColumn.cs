using System.Collections.ObjectModel;
using MLExtensions.Engine.Serialization;

namespace MLExtensions.Transforms;

/// <summary>
/// The fitted statistics of one scaled column and the per-slot functions they define. Immutable: the arrays
/// behind the public lists are never handed out, so a transformer built from a column can be shared by threads.
/// <para>
/// The forward scaling is the affine map ML.NET's normalizer applies, (x − <see cref="Offsets"/>)·<see cref="Scales"/>
/// in single precision, because that normalizer is what the transformer runs (so that <c>mlContext.Model.Save</c> can
/// store it); the statistics themselves are kept in double precision for reading and for the inverse.
/// </para>
/// </summary>
public abstract class ScaledColumn
{
    private protected ScaledColumn(string outputColumnName, string inputColumnName, int slotCount, bool isVector, float[] scales, float[] offsets)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        if (slotCount < 1 || (!isVector && slotCount != 1))
            throw new ArgumentOutOfRangeException(nameof(slotCount), slotCount, isVector ? "A vector column has at least one slot." : "A scalar column has one slot.");
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        SlotCount = slotCount;
        IsVector = isVector;
        ScaleArray = CheckLength(scales, "scales");
        OffsetArray = CheckLength(offsets, "offsets");
        Scales = new ReadOnlyCollection<float>(ScaleArray);
        Offsets = new ReadOnlyCollection<float>(OffsetArray);
    }

    /// <summary>The column the scaled values are written to.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column the statistics were fitted on and the scaling reads.</summary>
    public string InputColumnName { get; }

    /// <summary>Values per row: 1 for a scalar, the vector size otherwise.</summary>
    public int SlotCount { get; }

    /// <summary>Whether the input (and so the output) is a vector column; false for a Single column.</summary>
    public bool IsVector { get; }

    /// <summary>Per slot, the factor of ML.NET's affine map (x − offset)·scale; 0 for a slot that carries no information.</summary>
    public IReadOnlyList<float> Scales { get; }

    /// <summary>Per slot, the offset of ML.NET's affine map (x − offset)·scale.</summary>
    public IReadOnlyList<float> Offsets { get; }

    private protected float[] ScaleArray { get; }
    private protected float[] OffsetArray { get; }

    /// <summary>Scales one row's values (one per slot) as the transformer does. NaN stays NaN.</summary>
    /// <param name="values">The row's input values, <see cref="SlotCount"/> of them.</param>
    /// <param name="destination">Receives the scaled values; room for <see cref="SlotCount"/>. May be <paramref name="values"/> itself.</param>
    /// <exception cref="ArgumentException">A span's length is not <see cref="SlotCount"/>.</exception>
    public void Scale(ReadOnlySpan<float> values, Span<float> destination)
    {
        CheckLengths(values.Length, destination.Length);
        ScaleCore(values, destination);
    }

    /// <summary>Maps scaled values (one per slot) back to the input's scale. NaN stays NaN.</summary>
    /// <param name="values">Scaled values, <see cref="SlotCount"/> of them.</param>
    /// <param name="destination">Receives the restored values; room for <see cref="SlotCount"/>. May be <paramref name="values"/> itself.</param>
    /// <exception cref="ArgumentException">A span's length is not <see cref="SlotCount"/>.</exception>
    public void Unscale(ReadOnlySpan<float> values, Span<float> destination)
    {
        CheckLengths(values.Length, destination.Length);
        UnscaleCore(values, destination);
    }

    /// <summary>ML.NET's affine map, in its order of single-precision operations.</summary>
    private protected void ApplyAffine(ReadOnlySpan<float> values, Span<float> destination)
    {
        for (int slot = 0; slot < values.Length; slot++)
            destination[slot] = (values[slot] - OffsetArray[slot]) * ScaleArray[slot];
    }

    private protected abstract void ScaleCore(ReadOnlySpan<float> values, Span<float> destination);

    private protected abstract void UnscaleCore(ReadOnlySpan<float> values, Span<float> destination);

    /// <summary>The tag that picks this column's reader in a saved inverse transformer.</summary>
    internal abstract string Kind { get; }

    internal abstract void WriteStatistics(BinaryWriter writer);

    internal ColumnScaling Inverse(string outputColumnName, string inputColumnName) =>
        new(outputColumnName, inputColumnName, SlotCount, IsVector, UnscaleCore);

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Kind);
        writer.Write(OutputColumnName);
        writer.Write(InputColumnName);
        writer.Write(SlotCount);
        writer.Write(IsVector);
        WriteStatistics(writer);
        foreach (float scale in ScaleArray)
            writer.Write(scale);
        foreach (float offset in OffsetArray)
            writer.Write(offset);
    }

    internal static ScaledColumn Read(BinaryReader reader)
    {
        string kind = reader.ReadString();
        string output = reader.ReadString();
        string input = reader.ReadString();
        int slots = reader.ReadInt32();
        bool isVector = reader.ReadBoolean();
        if (kind is not (StandardizedColumn.KindName or MinMaxScaledColumn.KindName))
            throw new InvalidDataException($"The saved scaled column '{output}' has an unknown kind '{kind}'.");
        // At least one slot; each holds two statistics (doubles), a scale and an offset: checked against the bytes left
        // before any array is sized.
        reader.CheckCount(slots, $"slots of the scaled column '{output}'", bytesEach: 2 * sizeof(double) + 2 * sizeof(float), minimum: 1);
        return kind switch
        {
            StandardizedColumn.KindName => StandardizedColumn.ReadStatistics(reader, output, input, slots, isVector),
            MinMaxScaledColumn.KindName => MinMaxScaledColumn.ReadStatistics(reader, output, input, slots, isVector),
            _ => throw new InvalidDataException($"The saved scaled column '{output}' has an unknown kind '{kind}'."),
        };
    }

    private protected static (float[] Scales, float[] Offsets) ReadAffine(BinaryReader reader, int count)
    {
        var scales = new float[count];
        var offsets = new float[count];
        for (int i = 0; i < count; i++)
            scales[i] = reader.ReadSingle();
        for (int i = 0; i < count; i++)
            offsets[i] = reader.ReadSingle();
        return (scales, offsets);
    }

    private protected static void WriteArray(BinaryWriter writer, IReadOnlyList<double> values)
    {
        foreach (double value in values)
            writer.Write(value);
    }

    private protected static double[] ReadArray(BinaryReader reader, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = reader.ReadDouble();
        return values;
    }

    private protected IReadOnlyList<double> Guard(double[] values, string what)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != SlotCount)
            throw new ArgumentException($"Column '{OutputColumnName}' has {SlotCount} slots but {values.Length} {what}.", what);
        return new ReadOnlyCollection<double>((double[])values.Clone());
    }

    private float[] CheckLength(float[] values, string what)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != SlotCount)
            throw new ArgumentException($"Column '{OutputColumnName}' has {SlotCount} slots but {values.Length} {what}.", what);
        return (float[])values.Clone();
    }

    private void CheckLengths(int source, int destination)
    {
        if (source != SlotCount || destination != SlotCount)
            throw new ArgumentException(
                $"Column '{OutputColumnName}' has {SlotCount} slots; got {source} values and room for {destination}.");
    }
}
