using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Splits;

/// <summary>
/// A part of a split: the source view seen through a row filter. <c>partOfRow</c> gives each
/// source row's part (shared, never modified, by all parts of one split) and the view passes the rows of the
/// parts it includes. No value is copied; every cursor reads through the source, so the source must give its
/// rows in the same order each time, as ML.NET's data views do when not shuffled.
/// </summary>
internal sealed class RowSubsetDataView : IDataView
{
    private readonly IDataView _source;
    private readonly int[] _partOfRow;
    private readonly bool[] _includedParts;
    private readonly long _rowCount;

    public RowSubsetDataView(IDataView source, int[] partOfRow, bool[] includedParts)
    {
        _source = source;
        _partOfRow = partOfRow;
        _includedParts = includedParts;
        _rowCount = partOfRow.LongCount(part => includedParts[part]);
    }

    // Shuffling would need random access the source may not have; ML.NET then ignores the Random it passes.
    public bool CanShuffle => false;

    public DataViewSchema Schema => _source.Schema;

    public long? GetRowCount() => _rowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, _source.GetRowCursor(columnsNeeded));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly RowSubsetDataView _view;
        private readonly DataViewRowCursor _input;
        private long _sourceRow = -1;
        private long _position = -1;
        private bool _done;

        public Cursor(RowSubsetDataView view, DataViewRowCursor input)
        {
            _view = view;
            _input = input;
        }

        public override DataViewSchema Schema => _input.Schema;
        public override long Position => _position;
        public override long Batch => 0;
        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) => _input.IsColumnActive(column);
        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _input.GetGetter<TValue>(column);

        public override bool MoveNext()
        {
            if (_done)
                return false;
            var parts = _view._partOfRow;
            while (_input.MoveNext())
            {
                _sourceRow++;
                if (_sourceRow >= parts.Length)
                    throw Changed($"it now has more than the {parts.Length} rows it had");
                if (_view._includedParts[parts[_sourceRow]])
                {
                    _position++;
                    return true;
                }
            }
            _done = true;
            if (_sourceRow + 1 != parts.Length)
                throw Changed($"it now has {_sourceRow + 1} rows, not {parts.Length}");
            return false;
        }

        private static InvalidOperationException Changed(string how) =>
            new($"The data was split by row position, but {how}. Split the data again after changing it.");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
