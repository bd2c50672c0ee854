namespace Microsoft.ML.Data;

/// <summary>Exposes an <see cref="IRowMapper"/> as the public <see cref="IRowToRowMapper"/> (used by prediction engines).</summary>
internal sealed class MapperAsRowToRowMapper : IRowToRowMapper
{
    private readonly MappedSchema _layout;

    internal MapperAsRowToRowMapper(IRowMapper mapper)
    {
        _layout = new MappedSchema(mapper);
    }

    public DataViewSchema InputSchema => _layout.Mapper.InputSchema;

    public DataViewSchema OutputSchema => _layout.Schema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
        => _layout.Plan(dependingColumns).InputColumns;

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        var requested = activeColumns.ToArray();
        var (activeOutputs, _) = _layout.Plan(requested);
        return new MappedRow(_layout, input, activeOutputs, requested);
    }
}
