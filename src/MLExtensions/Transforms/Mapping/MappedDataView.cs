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
        var input = _input.GetRowCursor(inputColumns, rand);
        // Shuffled cursors of one view need not agree on the order, so only an ordered cursor lets the mapper read ahead.
        return rand is null
            ? new MappedRow(_mapper, input, _input, activeOutputs)
            : new MappedRow(_mapper, input, activeOutputs, ownsInput: true);
    }

    /// <summary>ML.NET's parallel cursors: the input's own set, each wrapped; every cursor maps its rows one at a time.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var (activeOutputs, inputColumns) = _mapper.Plan(columnsNeeded);
        return _input.GetRowCursorSet(inputColumns, n, rand)
            .Select(input => (DataViewRowCursor)new MappedRow(_mapper, input, activeOutputs, ownsInput: true))
            .ToArray();
    }
}
