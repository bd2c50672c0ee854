namespace Microsoft.ML.Data;

/// <summary>The lazy result of a shim transformer's Transform: input rows plus computed columns.</summary>
internal sealed class MappedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly MappedSchema _layout;

    internal MappedDataView(IDataView input, IRowMapper mapper)
    {
        _input = input;
        _layout = new MappedSchema(mapper);
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema => _layout.Schema;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var requested = columnsNeeded.ToArray();
        var (activeOutputs, inputColumns) = _layout.Plan(requested);
        var inputCursor = _input.GetRowCursor(inputColumns, rand);
        return new MappedRow(_layout, inputCursor, activeOutputs, requested);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => new[] { GetRowCursor(columnsNeeded, rand) };
}
