namespace Microsoft.ML.Data;

/// <summary>Maps one input row to one output row; what prediction engines run on.</summary>
public interface IRowToRowMapper
{
    DataViewSchema InputSchema { get; }

    DataViewSchema OutputSchema { get; }

    IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns);

    DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns);
}
