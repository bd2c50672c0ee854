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
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        columnsNeeded = columnsNeeded.ToArray();
        var (activeOutputs, inputColumns) = _mapper.Plan(columnsNeeded);
        var input = _input.GetRowCursor(inputColumns, rand);
        // An ordered cursor's rows are those of any other ordered cursor, so the mapper may read ahead through one of its
        // own; a shuffled cursor's order is its own, so it reads ahead on itself.
        return rand is null
            ? new MappedRow(_mapper, input, _input, activeOutputs)
            : ReadAhead(input, columnsNeeded, activeOutputs);
    }

    /// <summary>ML.NET's parallel cursors: the input's own set, each cursor reading ahead on itself.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        columnsNeeded = columnsNeeded.ToArray();
        var (activeOutputs, inputColumns) = _mapper.Plan(columnsNeeded);
        var inputs = _input.GetRowCursorSet(inputColumns, n, rand);
        if (inputs.Length == 1 && rand is null)
            return new DataViewRowCursor[] { new MappedRow(_mapper, inputs[0], _input, activeOutputs) };
        var cursors = new DataViewRowCursor[inputs.Length];
        int made = 0;
        try
        {
            for (; made < inputs.Length; made++)
                cursors[made] = ReadAhead(inputs[made], columnsNeeded, activeOutputs);
            return cursors;
        }
        catch
        {
            // The failed cursor disposed its own input; the cursors made before it and the inputs after it are ours to close.
            for (int i = 0; i < inputs.Length; i++)
                (i < made ? cursors[i] : i > made ? inputs[i] : null)?.Dispose();
            throw;
        }
    }

    /// <summary>A cursor mapping a block of <paramref name="input"/>'s rows at a time when the mapper gains by it and every
    /// requested input column's values can be kept; otherwise one mapping each row as the input reaches it. Either owns
    /// <paramref name="input"/>, which is disposed if neither can be made.</summary>
    private DataViewRowCursor ReadAhead(DataViewRowCursor input, IEnumerable<DataViewSchema.Column> columnsNeeded, bool[] activeOutputs)
    {
        try
        {
            var requestedInputs = columnsNeeded.Where(column => column.Index < _mapper.InputSchema.Count)
                .Select(column => column.Index).Distinct().Select(index => _mapper.InputSchema[index]);
            return (DataViewRowCursor?)ReadAheadCursor.TryCreate(_mapper, input, requestedInputs, activeOutputs)
                ?? new MappedRow(_mapper, input, activeOutputs, ownsInput: true);
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }
}
