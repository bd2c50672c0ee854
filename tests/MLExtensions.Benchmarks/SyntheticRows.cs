using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Benchmarks;

/// <summary>
/// Rows computed from their position into reused buffers: a data view of any size that holds nothing and allocates
/// nothing per row, so what a fit over it allocates is the fit's own. <c>Features</c> is a vector of floats in [−1, 1],
/// <c>Label</c> a float linear in the first two.
/// </summary>
public sealed class SyntheticRows : IDataView
{
    public SyntheticRows(int rows, int width, bool knownRowCount = true)
    {
        Rows = rows;
        Width = width;
        KnownRowCount = knownRowCount;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, width));
        builder.AddColumn("Label", NumberDataViewType.Single);
        Schema = builder.ToSchema();
    }

    public int Rows { get; }
    public int Width { get; }
    public bool KnownRowCount { get; }
    public DataViewSchema Schema { get; }
    public bool CanShuffle => false;

    /// <summary>The bytes of float data a fit reads: features and one label per row.</summary>
    public long FloatBytes => (long)Rows * (Width + 1) * sizeof(float);

    public long? GetRowCount() => KnownRowCount ? Rows : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    private static float Value(long row, int slot)
    {
        ulong z = (ulong)row * 0x9E3779B97F4A7C15UL + (ulong)slot * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 31)) * 0x94D049BB133111EBUL;
        return (float)((z >> 40) / (double)(1UL << 24) * 2 - 1);
    }

    private sealed class Cursor(SyntheticRows owner, HashSet<int> active) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => owner.Schema;
        public override long Position => _position;
        public override long Batch => 0;
        public override bool MoveNext() => ++_position < owner.Rows;
        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);
        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            Delegate getter = column.Name == "Features"
                ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                {
                    var editor = VBufferEditor.Create(ref value, owner.Width);
                    for (int j = 0; j < owner.Width; j++)
                        editor.Values[j] = Value(_position, j);
                    value = editor.Commit();
                })
                : (ValueGetter<float>)((ref float value) => value = 2 * Value(_position, 0) - Value(_position, 1) + 0.1f * Value(_position, owner.Width));
            return (ValueGetter<TValue>)getter;
        }
    }
}
