using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Transforms.Mapping;

/// <summary>
/// A row (or cursor) of a mapper's output schema: the input's columns pass through from the wrapped row,
/// the added ones come from the mapper's getters.
/// </summary>
internal sealed class MappedRow : DataViewRowCursor
{
    private readonly ColumnMapper _mapper;
    private readonly DataViewRow _input;
    private readonly DataViewRowCursor? _inputCursor;
    private readonly Delegate?[] _getters;
    private readonly bool _ownsInput;
    private readonly IDisposable? _resources;

    public MappedRow(ColumnMapper mapper, DataViewRow input, bool[] activeOutputs, bool ownsInput)
    {
        _mapper = mapper;
        _input = input;
        _inputCursor = input as DataViewRowCursor;
        _ownsInput = ownsInput;
        _getters = mapper.CreateGetters(input, activeOutputs);
    }

    /// <summary>A cursor over <paramref name="source"/>'s rows in order, whose mapper may read ahead on it.</summary>
    public MappedRow(ColumnMapper mapper, DataViewRowCursor input, IDataView source, bool[] activeOutputs)
    {
        _mapper = mapper;
        _input = input;
        _inputCursor = input;
        _ownsInput = true;
        (_getters, _resources) = mapper.CreateCursorGetters(input, source, activeOutputs);
    }

    public override DataViewSchema Schema => _mapper.OutputSchema;
    public override long Position => _input.Position;
    public override long Batch => _input.Batch;
    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool MoveNext() =>
        _inputCursor?.MoveNext() ?? throw new InvalidOperationException("This row wraps a single input row and cannot move.");

    public override bool IsColumnActive(DataViewSchema.Column column)
    {
        int inputCount = _mapper.InputSchema.Count;
        return column.Index < inputCount
            ? _input.IsColumnActive(_mapper.InputSchema[column.Index])
            : _getters[column.Index - inputCount] is not null;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int inputCount = _mapper.InputSchema.Count;
        if (column.Index < inputCount)
            return _input.GetGetter<TValue>(_mapper.InputSchema[column.Index]);
        int output = column.Index - inputCount;
        if (output >= _getters.Length)
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' is not in this row's schema.");
        var getter = _getters[output]
            ?? throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was created.");
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException(
                $"Column '{column.Name}' holds {_mapper.OutputColumns[output].Type.RawType.Name} values, not {typeof(TValue).Name}.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _resources?.Dispose();
            if (_ownsInput)
                _input.Dispose();
        }
        base.Dispose(disposing);
    }
}
