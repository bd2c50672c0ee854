namespace Microsoft.ML.Internal;

/// <summary>SkipRows/TakeRows: a lazy window [skip, skip + take) over another view's rows.</summary>
internal sealed class RowWindowDataView : IDataView
{
    private readonly IDataView _source;
    private readonly long _skip;
    private readonly long _take;

    internal RowWindowDataView(IDataView source, long skip, long take)
    {
        _source = source;
        _skip = Math.Max(0, skip);
        _take = Math.Max(0, take);
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema => _source.Schema;

    public long? GetRowCount()
    {
        long? count = _source.GetRowCount();
        return count is null ? null : Math.Min(Math.Max(0, count.Value - _skip), _take);
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        => new Cursor(_source.GetRowCursor(columnsNeeded), _skip, _take);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => new[] { GetRowCursor(columnsNeeded, rand) };

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly DataViewRowCursor _inner;
        private long _toSkip;
        private readonly long _take;
        private long _position = -1;

        internal Cursor(DataViewRowCursor inner, long skip, long take)
        {
            _inner = inner;
            _toSkip = skip;
            _take = take;
        }

        public override long Position => _position;

        public override long Batch => _inner.Batch;

        public override DataViewSchema Schema => _inner.Schema;

        public override bool MoveNext()
        {
            while (_toSkip > 0)
            {
                _toSkip--;
                if (!_inner.MoveNext())
                    return false;
            }
            if (_position + 1 >= _take || !_inner.MoveNext())
                return false;
            _position++;
            return true;
        }

        public override ValueGetter<Data.DataViewRowId> GetIdGetter() => _inner.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _inner.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _inner.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
