using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Tests.Support;

/// <summary>
/// Wraps a data view and records the cursors opened on it, the columns each asked for, and (when a column is
/// named) how often that column's value is read: the observable footprint of lazy transforms.
/// </summary>
public sealed class CountingDataView : IDataView
{
    private readonly IDataView _inner;
    private readonly string? _counted;
    private int _reads;

    public CountingDataView(IDataView inner, string? countedColumn = null)
    {
        _inner = inner;
        _counted = countedColumn;
    }

    public int Reads => Volatile.Read(ref _reads);

    public int CursorsOpened
    {
        get
        {
            lock (RequestedColumns)
                return RequestedColumns.Count;
        }
    }

    public List<string[]> RequestedColumns { get; } = new();

    public bool CanShuffle => _inner.CanShuffle;
    public DataViewSchema Schema => _inner.Schema;
    public long? GetRowCount() => _inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        lock (RequestedColumns)
            RequestedColumns.Add(needed.Select(c => c.Name).ToArray());
        return new Cursor(this, _inner.GetRowCursor(needed, rand));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly CountingDataView _owner;
        private readonly DataViewRowCursor _inner;

        public Cursor(CountingDataView owner, DataViewRowCursor inner)
        {
            _owner = owner;
            _inner = inner;
        }

        public override DataViewSchema Schema => _inner.Schema;
        public override long Position => _inner.Position;
        public override long Batch => _inner.Batch;
        public override bool MoveNext() => _inner.MoveNext();
        public override ValueGetter<DataViewRowId> GetIdGetter() => _inner.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) => _inner.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var getter = _inner.GetGetter<TValue>(column);
            if (column.Name != _owner._counted)
                return getter;
            return (ref TValue value) =>
            {
                Interlocked.Increment(ref _owner._reads);
                getter(ref value);
            };
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
