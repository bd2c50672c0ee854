using System.Collections.ObjectModel;

namespace MLExtensions.Transforms;

/// <summary>
/// Maps scaled values back to the original scale with a fitted scaler's statistics. Obtained from
/// <see cref="StandardizingTransformer.GetInverse()"/> or <see cref="MinMaxScalingTransformer.GetInverse()"/>.
/// Its outputs keep the input's slot names but are not marked normalized.
/// </summary>
public sealed class InverseScalingTransformer : ScalingTransformerBase
{
    internal const string Tag = "inverse";

    private InverseScalingTransformer(IReadOnlyList<InverseScaledColumn> columns)
        : base(columns.Select(c => c.Statistics.Inverse(c.OutputColumnName, c.InputColumnName)), "inverse scaling")
    {
        Columns = new ReadOnlyCollection<InverseScaledColumn>(columns.ToArray());
    }

    public IReadOnlyList<InverseScaledColumn> Columns { get; }

    internal static InverseScalingTransformer Undo(IEnumerable<ScaledColumn> fitted) =>
        new(fitted.Select(c => new InverseScaledColumn(c.InputColumnName, c.OutputColumnName, c)).ToArray());

    internal static InverseScalingTransformer Apply(ScaledColumn fitted, string outputColumnName, string inputColumnName)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        return new(new[] { new InverseScaledColumn(outputColumnName, inputColumnName, fitted) });
    }

    internal override string FileTag => Tag;

    internal override void WriteState(BinaryWriter writer)
    {
        writer.Write(Columns.Count);
        foreach (var column in Columns)
        {
            writer.Write(column.OutputColumnName);
            writer.Write(column.InputColumnName);
            column.Statistics.Write(writer);
        }
    }

    internal static InverseScalingTransformer ReadState(BinaryReader reader)
    {
        int count = ScalingFile.ReadCount(reader);
        var columns = new InverseScaledColumn[count];
        for (int i = 0; i < count; i++)
        {
            string output = reader.ReadString();
            string input = reader.ReadString();
            columns[i] = new InverseScaledColumn(output, input, ScaledColumn.Read(reader));
        }
        return new InverseScalingTransformer(columns);
    }
}
