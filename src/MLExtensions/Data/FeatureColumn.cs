using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Data;

/// <summary>
/// A feature column as the engine wants it: a float scalar or a known-size float vector, read row by row
/// into a dense span (sparse vectors are expanded).
/// </summary>
internal sealed class FeatureColumn
{
    private FeatureColumn(DataViewSchema.Column column, int size, bool isVector)
    {
        Column = column;
        Size = size;
        IsVector = isVector;
    }

    public DataViewSchema.Column Column { get; }
    public int Size { get; }
    public bool IsVector { get; }

    public static FeatureColumn Bind(DataViewSchema schema, string name, string role = "feature")
    {
        var column = ColumnLookup.Require(schema, name, role);
        return Describe(column, role) ?? throw new ArgumentOutOfRangeException(nameof(name),
            $"The {role} column '{name}' must hold Single (float) values or a known-size vector of them; it holds {column.Type}.");
    }

    /// <summary>The binding for a column of a supported type, or null; throws for a variable-size float vector.</summary>
    private static FeatureColumn? Describe(DataViewSchema.Column column, string role)
    {
        if (column.Type is VectorDataViewType vector && vector.ItemType == NumberDataViewType.Single)
        {
            if (!vector.IsKnownSize)
                throw new ArgumentOutOfRangeException(nameof(column),
                    $"The {role} column '{column.Name}' is a variable-size vector; a known size is needed to fix the network's input width.");
            return new FeatureColumn(column, vector.Size, isVector: true);
        }
        return column.Type == NumberDataViewType.Single ? new FeatureColumn(column, 1, isVector: false) : null;
    }

    /// <summary>
    /// Checks that <paramref name="schema"/> holds this column's name with the same type and size, as a fitted
    /// model requires of the data it scores.
    /// </summary>
    public FeatureColumn RebindTo(DataViewSchema schema, string role = "feature")
    {
        var bound = Bind(schema, Column.Name, role);
        if (bound.Size != Size)
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"The {role} column '{Column.Name}' has {bound.Size} values per row; the model was trained on {Size}.");
        return bound;
    }

    /// <summary>A reader that copies the current row's features into a span of <see cref="Size"/> floats; <paramref name="role"/>
    /// ("training", "validation") names the data set in its messages.</summary>
    public Reader CreateReader(DataViewRow row, string role = "training") => new(this, row, role);

    public sealed class Reader
    {
        private readonly ValueGetter<VBuffer<float>>? _vectorGetter;
        private readonly ValueGetter<float>? _scalarGetter;
        private readonly string _columnName;
        private readonly string _role;
        private VBuffer<float> _buffer;

        internal Reader(FeatureColumn column, DataViewRow row, string role)
        {
            _columnName = column.Column.Name;
            _role = role;
            if (column.IsVector)
                _vectorGetter = row.GetGetter<VBuffer<float>>(column.Column);
            else
                _scalarGetter = row.GetGetter<float>(column.Column);
        }

        /// <summary>Copies the cursor's current row's features into <paramref name="destination"/>.</summary>
        /// <param name="destination">Exactly <see cref="Size"/> floats.</param>
        /// <param name="position">The row's position, for messages.</param>
        /// <exception cref="InvalidOperationException">A vector row's length differs from the column's declared size.</exception>
        public void Read(Span<float> destination, long position)
        {
            if (_scalarGetter is not null)
            {
                float value = 0;
                _scalarGetter(ref value);
                destination[0] = value;
                return;
            }
            _vectorGetter!(ref _buffer);
            if (_buffer.Length != destination.Length)
                throw new InvalidOperationException(
                    $"Row {position} of feature column '{_columnName}' in the {_role} data holds a vector of {_buffer.Length} values, " +
                    $"but the column's type declares {destination.Length}: the data view does not keep its own schema.");
            _buffer.CopyTo(destination);
        }
    }
}
