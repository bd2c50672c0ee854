namespace Microsoft.ML.Data;

/// <summary>
/// Chains row mappers. Activation runs backwards (what the last mapper needs decides what earlier ones
/// compute) and rows are then built forwards.
/// </summary>
internal sealed class CompositeRowToRowMapper : IRowToRowMapper
{
    private readonly IRowToRowMapper[] _mappers;

    internal CompositeRowToRowMapper(DataViewSchema inputSchema, IRowToRowMapper[] mappers)
    {
        InputSchema = inputSchema;
        _mappers = mappers;
        OutputSchema = mappers.Length == 0 ? inputSchema : mappers[^1].OutputSchema;
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = dependingColumns;
        for (int i = _mappers.Length - 1; i >= 0; i--)
            needed = _mappers[i].GetDependencies(needed).ToArray();
        return needed;
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        var activePerStage = new IEnumerable<DataViewSchema.Column>[_mappers.Length];
        var needed = activeColumns.ToArray();
        for (int i = _mappers.Length - 1; i >= 0; i--)
        {
            activePerStage[i] = needed;
            needed = _mappers[i].GetDependencies(needed).ToArray();
        }
        var row = input;
        for (int i = 0; i < _mappers.Length; i++)
            row = _mappers[i].GetRow(row, activePerStage[i]);
        return row;
    }
}
