using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Plots;

/// <summary>
/// A data view with the schema of the data a model was fitted on, whose rows are the points of a grid: the features
/// column holds each grid point and every other column its type's default (empty text, missing key, zero), so a whole
/// fitted pipeline, including transforms of the label, can score the grid.
/// </summary>
internal sealed class GridDataView : IDataView
{
    private readonly DataViewSchema.Column _features;
    private readonly IReadOnlyList<float[]> _points;

    public GridDataView(DataViewSchema source, DataViewSchema.Column features, IReadOnlyList<float[]> points)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in source)
        {
            if (!column.IsHidden)
                builder.AddColumn(column.Name, column.Type, column.Annotations);
        }
        Schema = builder.ToSchema();
        _features = Schema[features.Name];
        _points = points;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _points.Count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly GridDataView _view;
        private long _position = -1;

        public Cursor(GridDataView view) => _view = view;

        public override DataViewSchema Schema => _view.Schema;
        public override long Position => _position;
        public override long Batch => 0;

        public override bool MoveNext() => ++_position < _view._points.Count;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index == _view._features.Index)
            {
                if (typeof(TValue) != typeof(VBuffer<float>))
                    throw new InvalidOperationException($"The features column '{column.Name}' holds VBuffer<Single>, not {typeof(TValue)}.");
                ValueGetter<VBuffer<float>> features = (ref VBuffer<float> value) =>
                {
                    var point = _view._points[(int)_position];
                    var editor = VBufferEditor.Create(ref value, point.Length);
                    point.CopyTo(editor.Values);
                    value = editor.Commit();
                };
                return (ValueGetter<TValue>)(Delegate)features;
            }
            if (column.Type is VectorDataViewType vector)
                return (ValueGetter<TValue>)ZeroVectorGetter(vector);
            return (ref TValue value) => value = default!;
        }

        // A vector column's default is a vector of its declared size, all zero (an empty VBuffer would be the wrong length).
        private static Delegate ZeroVectorGetter(VectorDataViewType vector) =>
            (Delegate)typeof(Cursor).GetMethod(nameof(ZeroVector), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(vector.ItemType.RawType).Invoke(null, new object[] { vector.Size })!;

        private static ValueGetter<VBuffer<T>> ZeroVector<T>(int size) =>
            (ref VBuffer<T> value) => value = new VBuffer<T>(size, 0, Array.Empty<T>(), Array.Empty<int>());
    }
}
