using System.Collections.ObjectModel;

namespace MLExtensions.Transforms;

/// <summary>
/// The fitted statistics of one scaled column and the per-slot functions they define. Immutable: the arrays
/// behind the public lists are never handed out, so a transformer built from a column can be shared by threads.
/// </summary>
public abstract class ScaledColumn
{
    private protected ScaledColumn(string outputColumnName, string inputColumnName, int slotCount, bool isVector)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        if (slotCount < 1 || (!isVector && slotCount != 1))
            throw new ArgumentOutOfRangeException(nameof(slotCount), slotCount, isVector ? "A vector column has at least one slot." : "A scalar column has one slot.");
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        SlotCount = slotCount;
        IsVector = isVector;
    }

    /// <summary>The column the scaled values are written to.</summary>
    public string OutputColumnName { get; }

    /// <summary>The column the statistics were fitted on and the scaling reads.</summary>
    public string InputColumnName { get; }

    /// <summary>Values per row: 1 for a scalar, the vector size otherwise.</summary>
    public int SlotCount { get; }

    public bool IsVector { get; }

    /// <summary>Scales one row's values (one per slot) as the transformer does. NaN stays NaN.</summary>
    public void Scale(ReadOnlySpan<float> values, Span<float> destination)
    {
        CheckLengths(values.Length, destination.Length);
        ScaleCore(values, destination);
    }

    /// <summary>Maps scaled values (one per slot) back to the input's scale. NaN stays NaN.</summary>
    public void Unscale(ReadOnlySpan<float> values, Span<float> destination)
    {
        CheckLengths(values.Length, destination.Length);
        UnscaleCore(values, destination);
    }

    private protected abstract void ScaleCore(ReadOnlySpan<float> values, Span<float> destination);

    private protected abstract void UnscaleCore(ReadOnlySpan<float> values, Span<float> destination);

    /// <summary>The tag that picks this column's reader in a saved file.</summary>
    internal abstract string Kind { get; }

    internal abstract void WriteStatistics(BinaryWriter writer);

    internal ColumnScaling Forward(bool marksNormalized) =>
        new(OutputColumnName, InputColumnName, SlotCount, IsVector, ScaleCore, marksNormalized);

    internal ColumnScaling Inverse(string outputColumnName, string inputColumnName) =>
        new(outputColumnName, inputColumnName, SlotCount, IsVector, UnscaleCore, MarksNormalized: false);

    internal void Write(BinaryWriter writer)
    {
        writer.Write(Kind);
        writer.Write(OutputColumnName);
        writer.Write(InputColumnName);
        writer.Write(SlotCount);
        writer.Write(IsVector);
        WriteStatistics(writer);
    }

    internal static ScaledColumn Read(BinaryReader reader)
    {
        string kind = reader.ReadString();
        string output = reader.ReadString();
        string input = reader.ReadString();
        int slots = reader.ReadInt32();
        bool isVector = reader.ReadBoolean();
        if (slots < 1)
            throw new InvalidDataException($"The saved scaled column '{output}' has {slots} slots: the file is corrupt.");
        return kind switch
        {
            StandardizedColumn.KindName => StandardizedColumn.ReadStatistics(reader, output, input, slots, isVector),
            MinMaxScaledColumn.KindName => MinMaxScaledColumn.ReadStatistics(reader, output, input, slots, isVector),
            _ => throw new InvalidDataException($"The saved scaled column '{output}' has an unknown kind '{kind}'."),
        };
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

    private void CheckLengths(int source, int destination)
    {
        if (source != SlotCount || destination != SlotCount)
            throw new ArgumentException(
                $"Column '{OutputColumnName}' has {SlotCount} slots; got {source} values and room for {destination}.");
    }
}
