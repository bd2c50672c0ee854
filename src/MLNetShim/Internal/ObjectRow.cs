using Microsoft.ML.Data;

namespace Microsoft.ML.Internal;

/// <summary>A single mutable input row over a user object; what a prediction engine feeds its mapper.</summary>
internal sealed class ObjectRow<TRow> : DataViewRow
    where TRow : class
{
    private readonly Delegate[] _getters;
    private TRow? _current;
    private long _position = -1;

    internal ObjectRow(MemberBinding[] bindings, DataViewSchema schema)
    {
        Schema = schema;
        _getters = bindings.Select(b => MemberAccess.MakeGetter(b, () => _current ?? throw new InvalidOperationException("No example has been set."))).ToArray();
    }

    public override long Position => _position;

    public override long Batch => 0;

    public override DataViewSchema Schema { get; }

    internal void Set(TRow example)
    {
        _current = example;
        _position++;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter()
        => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

    public override bool IsColumnActive(DataViewSchema.Column column) => column.Index >= 0 && column.Index < _getters.Length;

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column))
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' is not part of this schema.");
        return _getters[column.Index] as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Invalid TValue '{typeof(TValue)}' in GetGetter for column '{column.Name}' of type {column.Type}.");
    }
}
