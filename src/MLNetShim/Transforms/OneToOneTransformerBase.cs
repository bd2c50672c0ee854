using Microsoft.ML.Runtime;

namespace Microsoft.ML.Data;

/// <summary>Base of transformers that map each input column to one output column.</summary>
public abstract class OneToOneTransformerBase : RowToRowTransformerBase
{
    internal readonly (string outputColumnName, string inputColumnName)[] ColumnPairs;

    private protected OneToOneTransformerBase(IHost host, params (string outputColumnName, string inputColumnName)[] columns)
        : base(host)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var (output, input) in columns)
        {
            if (string.IsNullOrEmpty(output) || string.IsNullOrEmpty(input))
                throw new ArgumentException("Column names must be non-empty.", nameof(columns));
        }
        ColumnPairs = columns;
    }

    /// <summary>Resolves an input column by name, with the error ML.NET users expect.</summary>
    private protected static DataViewSchema.Column FindInput(DataViewSchema schema, string name)
        => schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{name}' not found");
}
