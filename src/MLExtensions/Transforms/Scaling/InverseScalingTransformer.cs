using System.Collections.ObjectModel;
using Microsoft.ML;
using MLExtensions.Engine.Serialization;
using MLExtensions.Transforms.Mapping;

namespace MLExtensions.Transforms;

/// <summary>
/// Maps scaled values back to the original scale with a fitted scaler's statistics (in double precision). Obtained
/// from a fitted scaler's <see cref="ScalingTransformerBase{TColumn}.GetInverse()"/> or
/// <see cref="ScalingTransformerBase{TColumn}.GetInverse(string, string, string)"/>.
/// Its outputs keep the input's slot names but are not marked normalized. ML.NET has no transformer for it, so it
/// saves in MLExtensions' own format (<c>SavePipeline</c>); MLExtensions.Onnx can turn it into ONNX.
/// </summary>
public sealed class InverseScalingTransformer : MappingTransformerBase
{
    /// <summary>The kind of a saved inverse in MLExtensions' format: its columns with their statistics in double precision.</summary>
    internal const string FileKind = "inverse-scaling-transformer";

    private readonly ColumnScaling[] _scalings;

    private InverseScalingTransformer(IReadOnlyList<InverseScaledColumn> columns)
    {
        Columns = new ReadOnlyCollection<InverseScaledColumn>(columns.ToArray());
        _scalings = columns.Select(c => c.Statistics.Inverse(c.OutputColumnName, c.InputColumnName)).ToArray();
    }

    /// <summary>The columns it restores, each with the fitted statistics it applies in reverse.</summary>
    public IReadOnlyList<InverseScaledColumn> Columns { get; }

    internal static InverseScalingTransformer Undo(IEnumerable<ScaledColumn> fitted) =>
        new(fitted.Select(c => new InverseScaledColumn(c.InputColumnName, c.OutputColumnName, c)).ToArray());

    internal static InverseScalingTransformer Apply(ScaledColumn fitted, string outputColumnName, string inputColumnName)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        return new(new[] { new InverseScaledColumn(outputColumnName, inputColumnName, fitted) });
    }

    internal override ColumnMapper CreateMapper(Microsoft.ML.DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ScalingMapper(inputSchema, _scalings, "inverse scaling");
    }

    private protected override string FormatKind => FileKind;

    private protected override void WritePayload(BinaryWriter writer)
    {
        writer.Write(Columns.Count);
        foreach (var column in Columns)
        {
            writer.Write(column.OutputColumnName);
            writer.Write(column.InputColumnName);
            column.Statistics.Write(writer);
        }
    }

    internal static ITransformer Read(BinaryReader reader)
    {
        // A column takes at least two names, a kind, its slot count and one slot's statistics.
        int count = reader.ReadCount("columns of the inverse scaling transformer", bytesEach: 32, minimum: 1);
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
