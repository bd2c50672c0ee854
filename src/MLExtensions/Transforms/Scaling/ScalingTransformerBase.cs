using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Saving;
using MLExtensions.Transforms.Mapping;

namespace MLExtensions.Transforms;

/// <summary>What the scaling transformers share: the fitted columns and the one file kind they are saved under.</summary>
public abstract class ScalingTransformerBase : MappingTransformerBase
{
    private readonly ColumnScaling[] _scalings;
    private readonly string _operation;

    private protected ScalingTransformerBase(IEnumerable<ColumnScaling> scalings, string operation)
    {
        _scalings = scalings.ToArray();
        _operation = operation;
    }

    private protected override string FormatKind => ScalingFile.Kind;

    private protected override void WritePayload(BinaryWriter writer) => ScalingFile.Write(this, writer);

    /// <summary>The tag that picks this transformer's reader in <see cref="ScalingFile"/>.</summary>
    internal abstract string FileTag { get; }

    internal abstract void WriteState(BinaryWriter writer);

    internal override ColumnMapper CreateMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ScalingMapper(inputSchema, _scalings, _operation);
    }

    /// <summary>The column of <paramref name="columns"/> written to <paramref name="outputColumnName"/>, or an error listing them.</summary>
    private protected static TColumn Find<TColumn>(IReadOnlyList<TColumn> columns, string outputColumnName) where TColumn : ScaledColumn
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        return columns.FirstOrDefault(c => c.OutputColumnName == outputColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(outputColumnName),
                $"No column '{outputColumnName}' was fitted; the fitted output columns are {string.Join(", ", columns.Select(c => $"'{c.OutputColumnName}'"))}.");
    }
}
