using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Tests.Support;

/// <summary>
/// Rows computed on the fly from their position, so a data set of any size costs no memory of its own: what a training
/// pass allocates is then only the trainer's. Columns: <c>Features</c> (a vector of <see cref="Width"/> floats in
/// [−1, 1]), <c>Label</c> (a float, <c>2·x₀ − x₁ + 150</c> plus noise, or a Boolean, <c>x₀ + x₁ &gt; 0</c>) and
/// <c>Weight</c> when <see cref="Weight"/> is set. It can hide its row count, serve a vector of the wrong length at one
/// row (as a broken data view would), and call back at each row (to cancel mid-pass). Its parallel cursor sets, when
/// <see cref="ParallelCursors"/> allows more than one, deal out batches of <see cref="SetBatchRows"/> rows in turn, as ML.NET's
/// own do, each counting its own positions from 0 (the row's place in the data is its id); <see cref="Tagged"/> adds a <c>Tag</c> column whose getter rewrites one object for every row, as a custom
/// column type may.
/// </summary>
public sealed class GeneratedDataView : IDataView
{
    private long _rowsServed;

    public GeneratedDataView(long rows, int width, bool booleanLabel = false)
    {
        Rows = rows;
        Width = width;
        BooleanLabel = booleanLabel;
    }

    public long Rows { get; }
    public int Width { get; }
    public bool BooleanLabel { get; }

    /// <summary>Whether <see cref="GetRowCount"/> tells the row count (true) or returns null, as a streaming source does.</summary>
    public bool KnownRowCount { get; init; } = true;

    /// <summary>A row's example weight; null means no <c>Weight</c> column.</summary>
    public Func<long, float>? Weight { get; init; }

    /// <summary>A row whose feature vector has one value fewer than the schema declares.</summary>
    public long? ShortVectorAtRow { get; init; }

    /// <summary>The most cursors a parallel set holds; 1 gives one ordered cursor.</summary>
    public int ParallelCursors { get; init; } = 1;

    /// <summary>Rows of each batch a parallel set deals out: cursor k of n serves batches k, k + n, k + 2n...</summary>
    public const int SetBatchRows = 50;

    /// <summary>When set, a <c>Wide</c> column follows: a sparse vector of this many floats, holding the row's index (plus 1)
    /// at slot row mod size.</summary>
    public int? WideVectorSize { get; init; }

    /// <summary>Whether a <c>Tag</c> column (<see cref="RowTag"/>, telling its row) follows the others.</summary>
    public bool Tagged { get; init; }

    /// <summary>Called as each row is served.</summary>
    public Action<long>? OnRow { get; init; }

    /// <summary>Rows served by every cursor so far.</summary>
    public long RowsServed => Interlocked.Read(ref _rowsServed);

    public bool CanShuffle => false;

    public DataViewSchema Schema
    {
        get
        {
            var builder = new DataViewSchema.Builder();
            builder.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, Width));
            builder.AddColumn("Label", BooleanLabel ? BooleanDataViewType.Instance : NumberDataViewType.Single);
            if (Weight is not null)
                builder.AddColumn("Weight", NumberDataViewType.Single);
            if (WideVectorSize is { } wide)
                builder.AddColumn("Wide", new VectorDataViewType(NumberDataViewType.Single, wide));
            if (Tagged)
                builder.AddColumn("Tag", RowTagType.Instance);
            return builder.ToSchema();
        }
    }

    public long? GetRowCount() => KnownRowCount ? Rows : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, Schema, columnsNeeded.Select(c => c.Index).ToHashSet(), part: 0, parts: 1);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        int parts = Math.Clamp(n, 1, ParallelCursors);
        var active = columnsNeeded.Select(c => c.Index).ToHashSet();
        return Enumerable.Range(0, parts).Select(part => (DataViewRowCursor)new Cursor(this, Schema, active, part, parts)).ToArray();
    }

    /// <summary>Feature <paramref name="slot"/> of row <paramref name="row"/>: a hash of the two, in [−1, 1].</summary>
    public static float Feature(long row, int slot)
    {
        ulong z = (ulong)row * 0x9E3779B97F4A7C15UL + (ulong)slot * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (float)((z >> 40) / (double)(1UL << 24) * 2 - 1);
    }

    public float RegressionLabel(long row) => 2 * Feature(row, 0) - Feature(row, Math.Min(1, Width - 1)) + 150 + 0.1f * Feature(row, -1);

    public bool BooleanLabelOf(long row) => Feature(row, 0) + Feature(row, Math.Min(1, Width - 1)) > 0;

    /// <summary>What the <c>Tag</c> column holds: the row it was read on.</summary>
    public sealed class RowTag
    {
        public long Row { get; set; } = -1;
    }

    private sealed class RowTagType : StructuredDataViewType
    {
        public static readonly RowTagType Instance = new();

        private RowTagType()
            : base(typeof(RowTag))
        {
        }

        public override bool Equals(DataViewType? other) => other is RowTagType;

        public override int GetHashCode() => typeof(RowTag).GetHashCode();
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly GeneratedDataView _owner;
        private readonly HashSet<int> _active;
        private readonly int _part, _parts;
        private readonly RowTag _tag = new();
        private long _position = -1, _row = -1;

        public Cursor(GeneratedDataView owner, DataViewSchema schema, HashSet<int> active, int part, int parts)
        {
            _owner = owner;
            Schema = schema;
            _active = active;
            _part = part;
            _parts = parts;
        }

        public override DataViewSchema Schema { get; }
        public override long Position => _position;
        public override long Batch => _parts == 1 ? 0 : _row / SetBatchRows;

        public override bool MoveNext()
        {
            long next = _row + 1;
            while (_parts > 1 && next / SetBatchRows % _parts != _part)
                next++;
            if (next >= _owner.Rows)
            {
                _position = -1;
                return false;
            }
            _row = next;
            _position++;
            Interlocked.Increment(ref _owner._rowsServed);
            _owner.OnRow?.Invoke(_row);
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_row, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            Delegate getter = column.Name switch
            {
                "Features" => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                {
                    int length = _owner.ShortVectorAtRow == _row ? _owner.Width - 1 : _owner.Width;
                    var editor = VBufferEditor.Create(ref value, length);
                    for (int j = 0; j < length; j++)
                        editor.Values[j] = Feature(_row, j);
                    value = editor.Commit();
                }),
                "Label" when _owner.BooleanLabel => (ValueGetter<bool>)((ref bool value) => value = _owner.BooleanLabelOf(_row)),
                "Label" => (ValueGetter<float>)((ref float value) => value = _owner.RegressionLabel(_row)),
                "Weight" => (ValueGetter<float>)((ref float value) => value = _owner.Weight!(_row)),
                "Wide" => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                {
                    var editor = VBufferEditor.Create(ref value, _owner.WideVectorSize!.Value, 1);
                    editor.Values[0] = _row + 1;
                    editor.Indices[0] = (int)(_row % _owner.WideVectorSize!.Value);
                    value = editor.Commit();
                }),
                "Tag" => (ValueGetter<RowTag>)((ref RowTag value) =>
                {
                    _tag.Row = _row;
                    value = _tag;
                }),
                _ => throw new ArgumentOutOfRangeException(nameof(column), column.Name, "No such column."),
            };
            return (ValueGetter<TValue>)getter;
        }
    }
}
