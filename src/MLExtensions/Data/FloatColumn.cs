using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Data;

/// <summary>
/// A column of float values as the network and the scalers read it: a Single scalar or a known-size vector of Single,
/// read row by row into a dense span (sparse vectors are expanded). Features and scaler inputs are bound, rebound to the
/// data a fitted model reads, and read here, so they are refused and reported with the same words.
/// </summary>
internal sealed class FloatColumn
{
    private FloatColumn(DataViewSchema.Column column, string role, int size, bool isVector)
    {
        Column = column;
        Role = role;
        Size = size;
        IsVector = isVector;
    }

    public DataViewSchema.Column Column { get; }

    /// <summary>What the column is, for messages: "feature", "standardization input".</summary>
    public string Role { get; }

    /// <summary>Values per row: 1 for a scalar, the vector's size otherwise.</summary>
    public int Size { get; }

    public bool IsVector { get; }

    /// <summary>Binds the column <paramref name="name"/> of <paramref name="schema"/>, refusing any type but Single or a
    /// known-size vector of Single.</summary>
    /// <param name="schema">The schema holding the column.</param>
    /// <param name="name">The column's name.</param>
    /// <param name="role">What the column is, for messages: "feature", "standardization input".</param>
    /// <param name="paramName">The caller's parameter that holds <paramref name="schema"/>, named by the exceptions.</param>
    /// <param name="knownSizeReason">Why the caller needs a known size, said when the column is a variable-size vector:
    /// "a known size fixes the network's input width".</param>
    public static FloatColumn Bind(DataViewSchema schema, string name, string role, string paramName, string knownSizeReason)
    {
        var column = ColumnLookup.Require(schema, name, role);
        if (column.Type == NumberDataViewType.Single)
            return new FloatColumn(column, role, 1, isVector: false);
        if (column.Type is VectorDataViewType vector && vector.ItemType == NumberDataViewType.Single)
        {
            if (!vector.IsKnownSize)
                throw VariableSize(role, name, vector.ItemType, paramName, knownSizeReason);
            return new FloatColumn(column, role, vector.Size, isVector: true);
        }
        throw WrongType(role, name, $"{column.Type}", paramName);
    }

    /// <summary>
    /// What <see cref="Bind"/> checks, on a column of an estimator's input <see cref="SchemaShape"/>, so that
    /// <c>GetOutputSchema</c> refuses the columns <c>Fit</c> refuses, with the same words.
    /// </summary>
    /// <param name="column">The input column.</param>
    /// <param name="role">What the column is, for messages.</param>
    /// <param name="paramName">The caller's parameter that holds the input shape, named by the exceptions.</param>
    /// <param name="knownSizeReason">Why the caller needs a known size (see <see cref="Bind"/>).</param>
    public static void CheckShape(SchemaShape.Column column, string role, string paramName, string knownSizeReason)
    {
        if (column.IsKey || column.ItemType != NumberDataViewType.Single)
            throw WrongType(role, column.Name, column.IsKey ? $"keys over {column.ItemType}" : $"{column.ItemType}", paramName);
        if (column.Kind == SchemaShape.Column.VectorKind.VariableVector)
            throw VariableSize(role, column.Name, column.ItemType, paramName, knownSizeReason);
    }

    private static ArgumentOutOfRangeException WrongType(string role, string name, string found, string paramName) =>
        new(paramName, $"The {role} column '{name}' must hold Single (float) values or a known-size vector of them; it holds {found}.");

    private static ArgumentOutOfRangeException VariableSize(string role, string name, DataViewType itemType, string paramName, string reason) =>
        new(paramName, $"The {role} column '{name}' is a variable-size vector of {itemType}; {reason}.");

    /// <summary>
    /// Binds <paramref name="name"/> in the data a fitted model or scaler reads and checks that it has the
    /// <paramref name="size"/> values per row it was fitted on and, when <paramref name="isVector"/> is given, the same
    /// scalar or vector shape; <paramref name="paramName"/> is the caller's parameter holding <paramref name="schema"/>.
    /// </summary>
    public static FloatColumn Rebind(DataViewSchema schema, string name, string role, string paramName, int size, bool? isVector = null)
    {
        var bound = Bind(schema, name, role, paramName, $"it was fitted on {size} values per row");
        if (bound.Size != size || (isVector is { } vector && bound.IsVector != vector))
        {
            string fitted = isVector switch
            {
                true => $"a vector of {size} Single values",
                false => "Single scalars",
                null => $"{size} values per row",
            };
            throw new ArgumentOutOfRangeException(paramName,
                $"The {role} column '{name}' holds {bound.Column.Type} ({bound.Size} values per row); it was fitted on {fitted}.");
        }
        return bound;
    }

    /// <summary>A reader that copies the current row's values into a span of <see cref="Size"/> floats; <paramref name="data"/>
    /// ("training", "validation") names the data set in its messages.</summary>
    public Reader CreateReader(DataViewRow row, string data) => new(this, row, data);

    /// <summary>
    /// Copies <paramref name="value"/>, row <paramref name="position"/> of this vector column in the <paramref name="data"/>
    /// data, into <paramref name="destination"/> (dense), refusing a row whose length is not the one its type declares.
    /// </summary>
    public void CopyDense(in VBuffer<float> value, Span<float> destination, string data, long position)
    {
        if (value.Length != destination.Length)
            throw new InvalidOperationException(
                $"Row {position} of {Role} column '{Column.Name}' in the {data} data holds a vector of {value.Length} values, " +
                $"but the column's type declares {destination.Length}: the data view does not keep its own schema.");
        value.CopyTo(destination);
    }

    public sealed class Reader
    {
        private readonly ValueGetter<VBuffer<float>>? _vectorGetter;
        private readonly ValueGetter<float>? _scalarGetter;
        private readonly FloatColumn _column;
        private readonly string _data;
        private VBuffer<float> _buffer;

        internal Reader(FloatColumn column, DataViewRow row, string data)
        {
            _column = column;
            _data = data;
            if (column.IsVector)
                _vectorGetter = row.GetGetter<VBuffer<float>>(column.Column);
            else
                _scalarGetter = row.GetGetter<float>(column.Column);
        }

        /// <summary>Copies the cursor's current row's values into <paramref name="destination"/>.</summary>
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
            _column.CopyDense(_buffer, destination, _data, position);
        }
    }
}
