using Microsoft.ML.Data;

namespace Microsoft.ML.Internal;

/// <summary>
/// LoadFromEnumerable's view: streams the user's objects each time a cursor is opened (no copy), so it
/// reflects later changes to the collection, as ML.NET's does.
/// </summary>
internal sealed class EnumerableDataView<TRow> : IDataView
    where TRow : class
{
    private readonly IEnumerable<TRow> _data;
    private readonly MemberBinding[] _bindings;

    internal EnumerableDataView(IEnumerable<TRow> data, MemberBinding[] bindings, DataViewSchema schema)
    {
        _data = data;
        _bindings = bindings;
        Schema = schema;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _data switch
    {
        ICollection<TRow> collection => collection.Count,
        IReadOnlyCollection<TRow> collection => collection.Count,
        _ => null,
    };

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        => new Cursor(this, columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => new[] { GetRowCursor(columnsNeeded, rand) };

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly EnumerableDataView<TRow> _view;
        private readonly IEnumerator<TRow> _rows;
        private readonly Delegate?[] _getters;
        private TRow? _current;
        private long _position = -1;

        internal Cursor(EnumerableDataView<TRow> view, IEnumerable<DataViewSchema.Column> columnsNeeded)
        {
            _view = view;
            _rows = view._data.GetEnumerator();
            _getters = new Delegate?[view.Schema.Count];
            foreach (var column in columnsNeeded)
            {
                if (column.Index < 0 || column.Index >= _getters.Length)
                    throw new ArgumentOutOfRangeException(nameof(columnsNeeded), $"Column '{column.Name}' is not part of this schema.");
                _getters[column.Index] ??= MemberAccess.MakeGetter(view._bindings[column.Index], CurrentRow);
            }
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _view.Schema;

        public override bool MoveNext()
        {
            if (_rows.MoveNext())
            {
                _current = _rows.Current ?? throw new InvalidOperationException("LoadFromEnumerable rows must not be null.");
                _position++;
                return true;
            }
            _current = null;
            return false;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter()
            => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => _getters[column.Index] != null;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var getter = _getters[column.Index]
                ?? throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when creating the cursor.");
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Invalid TValue '{typeof(TValue)}' in GetGetter for column '{column.Name}' of type {column.Type}.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _rows.Dispose();
            base.Dispose(disposing);
        }

        private object CurrentRow()
            => _current ?? throw new InvalidOperationException("The cursor is not positioned on a row.");
    }
}
