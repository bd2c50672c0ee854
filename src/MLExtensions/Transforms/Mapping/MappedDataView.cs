using Microsoft.ML;

namespace MLExtensions.Transforms.Mapping;

/// <summary>The lazy result of a transformer of ours: nothing is computed until a cursor reads an added column.</summary>
internal sealed class MappedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly ColumnMapper _mapper;

    public MappedDataView(IDataView input, ColumnMapper mapper)
    {
        _input = input ?? throw new ArgumentNullException(nameof(input));
        _mapper = mapper ?? throw new ArgumentNullException(nameof(mapper));
    }

    public bool CanShuffle => _input.CanShuffle;
    public DataViewSchema Schema => _mapper.OutputSchema;
    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var (activeOutputs, inputColumns) = _mapper.Plan(columnsNeeded);
        return new MappedRow(_mapper, _input.GetRowCursor(inputColumns, rand), activeOutputs, ownsInput: true);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };
}
