using Microsoft.ML.Runtime;

namespace Microsoft.ML.Data;

/// <summary>
/// A row (or, over an input cursor, a cursor) of a mapped schema. Output getters are built once, only for
/// the active outputs, so inactive columns cost nothing and asking for them throws, as in ML.NET.
/// </summary>
internal sealed class MappedRow : DataViewRowCursor
{
    private readonly MappedSchema _layout;
    private readonly DataViewRow _input;
    private readonly bool[] _activeInputs;
    private readonly Delegate?[] _outputGetters;

    internal MappedRow(MappedSchema layout, DataViewRow input, bool[] activeOutputs, IEnumerable<DataViewSchema.Column> requested)
    {
        _layout = layout;
        _input = input;
        _activeInputs = new bool[layout.InputCount];
        foreach (var column in requested)
        {
            if (column.Index < layout.InputCount)
                _activeInputs[column.Index] = true;
        }
        _outputGetters = new Delegate?[activeOutputs.Length];
        for (int i = 0; i < activeOutputs.Length; i++)
        {
            if (activeOutputs[i])
                _outputGetters[i] = layout.Mapper.MakeGetter(input, i);
        }
    }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override DataViewSchema Schema => _layout.Schema;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column)
    {
        CheckColumn(column);
        return column.Index < _layout.InputCount
            ? _activeInputs[column.Index]
            : _outputGetters[column.Index - _layout.InputCount] != null;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column))
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this row; request it when creating the cursor.");
        if (column.Index < _layout.InputCount)
            return _input.GetGetter<TValue>(_layout.Mapper.InputSchema[column.Index]);
        return _outputGetters[column.Index - _layout.InputCount] as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Invalid TValue '{typeof(TValue)}' in GetGetter for column '{column.Name}' of type {column.Type}.");
    }

    public override bool MoveNext()
        => _input is DataViewRowCursor cursor
            ? cursor.MoveNext()
            : throw new NotSupportedException("This row is not a cursor.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _input.Dispose();
        base.Dispose(disposing);
    }

    private void CheckColumn(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= _layout.Schema.Count)
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' is not part of this schema.");
    }
}
