using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;

namespace MLExtensions.Transforms;

/// <summary>
/// The training data as ML.NET's normalizer reads it while our estimators fit: the same schema and rows, but each
/// scaled input column is seen on its way through. Every row's values of such a column go, made dense, to that
/// column's accumulator (once per row, however many getters ML.NET asks for), infinite values are refused with
/// the row and slot named, and, for a refit, NaN can be replaced by 0 in chosen slots. So ML.NET's fit and our
/// own statistics come from one pass over the data.
/// </summary>
internal sealed class ScalingFitView : IDataView
{
    private readonly IDataView _input;
    private readonly Dictionary<int, Observed> _observed;

    /// <param name="input">The training data.</param>
    /// <param name="observed">One entry per distinct input column.</param>
    /// <param name="operation">What the estimator does, for messages: "standardization".</param>
    public ScalingFitView(IDataView input, IEnumerable<Observation> observed, string operation)
    {
        _input = input;
        _observed = observed.ToDictionary(o => o.Input.Column.Index, o => new Observed(o.Input, o.Accumulate, o.ZeroNaN, operation));
    }

    /// <summary>
    /// What to do with one input column's rows: give each row's dense values to <paramref name="Accumulate"/>, and
    /// show ML.NET the slots marked in <paramref name="ZeroNaN"/> with NaN replaced by 0.
    /// </summary>
    public sealed record Observation(FloatColumn Input, Action<float[]>? Accumulate, bool[]? ZeroNaN = null);

    /// <summary>How many rows the fit read.</summary>
    public long RowsRead => _observed.Values.Select(o => o.Rows).DefaultIfEmpty(0).Max();

    public bool CanShuffle => false;
    public DataViewSchema Schema => _input.Schema;
    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, _input.GetRowCursor(columnsNeeded));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        new[] { GetRowCursor(columnsNeeded, rand) };

    private sealed class Observed
    {
        private readonly Action<float[]>? _accumulate;
        private readonly bool[]? _zeroNaN;
        private readonly string _operation;
        private readonly float[] _dense;
        private long _lastPosition = -1;

        public Observed(FloatColumn input, Action<float[]>? accumulate, bool[]? zeroNaN, string operation)
        {
            Input = input;
            _accumulate = accumulate;
            _zeroNaN = zeroNaN;
            _operation = operation;
            _dense = new float[input.Size];
        }

        public FloatColumn Input { get; }
        public long Rows { get; private set; }

        /// <summary>Sees row <paramref name="position"/>'s dense values and says whether ML.NET must be given them altered.</summary>
        public bool See(long position, ReadOnlySpan<float> values)
        {
            if (position != _lastPosition)
            {
                _lastPosition = position;
                Rows++;
                for (int slot = 0; slot < values.Length; slot++)
                    if (float.IsInfinity(values[slot]))
                        throw new InvalidOperationException(
                            $"Row {position} of column '{Input.Column.Name}' holds {values[slot]}" + (Input.IsVector ? $" at slot {slot}" : "") +
                            $"; {_operation} needs finite values (NaN values are ignored while fitting).");
                if (_accumulate is not null)
                {
                    values.CopyTo(_dense);
                    _accumulate(_dense);
                }
            }
            if (_zeroNaN is null)
                return false;
            for (int slot = 0; slot < values.Length; slot++)
                if (_zeroNaN[slot] && float.IsNaN(values[slot]))
                    return true;
            return false;
        }

        public void ZeroNaN(Span<float> values)
        {
            for (int slot = 0; slot < values.Length; slot++)
                if (_zeroNaN![slot] && float.IsNaN(values[slot]))
                    values[slot] = 0f;
        }
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ScalingFitView _owner;
        private readonly DataViewRowCursor _input;

        public Cursor(ScalingFitView owner, DataViewRowCursor input)
        {
            _owner = owner;
            _input = input;
        }

        public override DataViewSchema Schema => _owner.Schema;
        public override long Position => _input.Position;
        public override long Batch => _input.Batch;
        public override bool MoveNext() => _input.MoveNext();
        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) => _input.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_owner._observed.TryGetValue(column.Index, out var observed))
                return _input.GetGetter<TValue>(column);
            if (observed.Input.IsVector)
                return (ValueGetter<TValue>)(Delegate)VectorGetter(observed, _input.GetGetter<VBuffer<float>>(column));
            return (ValueGetter<TValue>)(Delegate)ScalarGetter(observed, _input.GetGetter<float>(column));
        }

        private ValueGetter<float> ScalarGetter(Observed observed, ValueGetter<float> read) => (ref float value) =>
        {
            read(ref value);
            Span<float> single = stackalloc float[] { value };
            if (observed.See(_input.Position, single))
                value = 0f;
        };

        private ValueGetter<VBuffer<float>> VectorGetter(Observed observed, ValueGetter<VBuffer<float>> read)
        {
            var dense = new float[observed.Input.Size];
            return (ref VBuffer<float> value) =>
            {
                read(ref value);
                observed.Input.CopyDense(value, dense, "training", _input.Position);
                if (observed.See(_input.Position, dense))
                {
                    observed.ZeroNaN(dense);
                    var editor = VBufferEditor.Create(ref value, dense.Length);
                    dense.CopyTo(editor.Values);
                    value = editor.Commit();
                }
            };
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
