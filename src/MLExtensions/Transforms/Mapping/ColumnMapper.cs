using Microsoft.ML;

namespace MLExtensions.Transforms.Mapping;

/// <summary>
/// What a transformer of ours adds to a row: output columns computed from some input columns. ML.NET keeps
/// its own row-mapper plumbing internal, so <see cref="MappedDataView"/>, <see cref="MappedRow"/> and
/// <see cref="MappedRowToRowMapper"/> turn one of these into a lazy data view, a cursor and a row mapper.
/// A mapper is bound to one input schema and is immutable, so many cursors may use it at once.
/// </summary>
internal abstract class ColumnMapper
{
    protected ColumnMapper(DataViewSchema inputSchema)
    {
        InputSchema = inputSchema ?? throw new ArgumentNullException(nameof(inputSchema));
    }

    public DataViewSchema InputSchema { get; }

    /// <summary>The added columns, in order. They follow the input's columns and hide any of the same name.</summary>
    public abstract IReadOnlyList<DataViewSchema.DetachedColumn> OutputColumns { get; }

    /// <summary>The input columns the active outputs are computed from.</summary>
    public abstract IEnumerable<DataViewSchema.Column> Dependencies(IReadOnlyList<bool> activeOutputs);

    /// <summary>
    /// One getter per output column for <paramref name="input"/> (null for inactive outputs). The getters may
    /// share per-row work; they must compute it only when called, once per input position.
    /// </summary>
    public abstract Delegate?[] CreateGetters(DataViewRow input, IReadOnlyList<bool> activeOutputs);

    /// <summary>
    /// The getters for a cursor over <paramref name="source"/> that visits its rows in order (no shuffling), and what to
    /// dispose with it. A mapper whose work is cheaper in blocks (scoring a network) may read ahead through cursors of
    /// its own on <paramref name="source"/>, which see the same rows in the same order; by default the getters are those
    /// of <see cref="CreateGetters"/>, one row at a time.
    /// </summary>
    public virtual (Delegate?[] Getters, IDisposable? Resources) CreateCursorGetters(
        DataViewRowCursor input, IDataView source, IReadOnlyList<bool> activeOutputs) =>
        (CreateGetters(input, activeOutputs), null);

    /// <summary>
    /// The active outputs computed a block of rows at a time for a <see cref="ReadAheadCursor"/> over <paramref name="input"/>
    /// (a shuffled cursor, or one of a parallel set), or null when a row at a time costs no more (the default).
    /// </summary>
    public virtual RowBlockMapper? CreateBlockMapper(DataViewRowCursor input, IReadOnlyList<bool> activeOutputs) => null;

    private DataViewSchema? _outputSchema;

    public DataViewSchema OutputSchema => _outputSchema ??= BuildOutputSchema();

    private DataViewSchema BuildOutputSchema()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(InputSchema);
        foreach (var column in OutputColumns)
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        return builder.ToSchema();
    }

    /// <summary>Splits requested output-schema columns into active outputs and the input columns to read.</summary>
    internal (bool[] ActiveOutputs, DataViewSchema.Column[] InputColumns) Plan(IEnumerable<DataViewSchema.Column> requested)
    {
        int inputCount = InputSchema.Count;
        var activeOutputs = new bool[OutputColumns.Count];
        var inputIndices = new SortedSet<int>();
        foreach (var column in requested)
        {
            if (column.Index < inputCount)
                inputIndices.Add(column.Index);
            else if (column.Index - inputCount < activeOutputs.Length)
                activeOutputs[column.Index - inputCount] = true;
            else
                throw new ArgumentException($"Column '{column.Name}' (index {column.Index}) is not in this transformer's output schema.", nameof(requested));
        }
        foreach (var dependency in Dependencies(activeOutputs))
            inputIndices.Add(dependency.Index);
        return (activeOutputs, inputIndices.Select(i => InputSchema[i]).ToArray());
    }
}
