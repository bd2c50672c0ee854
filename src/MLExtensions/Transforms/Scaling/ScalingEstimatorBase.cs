using Microsoft.ML;
using MLExtensions.Data;

namespace MLExtensions.Transforms;

/// <summary>
/// What the scaling estimators share: their (output, input) column pairs, checked where they enter; one pass over the
/// training data in which ML.NET's normalizer fits while MLExtensions gathers its own per-slot statistics from the same
/// rows; and the output schema, each output shaped as its input.
/// </summary>
public abstract class ScalingEstimatorBase<TTransformer> : IEstimator<TTransformer>
    where TTransformer : ScalingTransformerBase
{
    private protected ScalingEstimatorBase(TransformsCatalog catalog, IReadOnlyList<(string OutputColumnName, string InputColumnName)> columns,
        string operation, string catalogMethod)
    {
        Catalog = catalog;
        Columns = ScalingColumnPairs.Validate(columns, catalogMethod);
        Operation = operation;
    }

    private protected TransformsCatalog Catalog { get; }

    private protected (string OutputColumnName, string InputColumnName)[] Columns { get; }

    /// <summary>What the estimator does, for messages: "standardization".</summary>
    private protected string Operation { get; }

    /// <summary>The column pairs as ML.NET's normalizers take them.</summary>
    private protected InputOutputColumnPair[] ColumnPairs => Columns.Select(c => new InputOutputColumnPair(c.OutputColumnName, c.InputColumnName)).ToArray();

    /// <summary>Whether the outputs carry ML.NET's IsNormalized annotation.</summary>
    private protected abstract bool MarksNormalized { get; }

    /// <summary>Fits on <paramref name="input"/> in one pass.</summary>
    public abstract TTransformer Fit(IDataView input);

    /// <summary>The input schema with each output column added, shaped as its input (scalar or vector, with its slot names),
    /// after the input checks <see cref="Fit"/> makes.</summary>
    /// <param name="inputSchema">The shape of the training data.</param>
    /// <returns>The shape of the scaled data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputSchema"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input column is missing, not Single, or a variable-size vector.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var outputs = Columns
            .Select(c => ScalingOutputShape.Of(inputSchema, c.InputColumnName, c.OutputColumnName, Operation, MarksNormalized))
            .ToArray();
        return Schema.SchemaShapeColumns.With(inputSchema, outputs);
    }

    /// <summary>
    /// Binds every input column of <paramref name="input"/> (in the order of the pairs) and gives each distinct one
    /// (<c>Distinct</c>, one per column index) a statistics accumulator, fed every row's dense values while ML.NET's
    /// normalizer reads the returned view.
    /// </summary>
    private protected (FloatColumn[] Inputs, FloatColumn[] Distinct, Dictionary<int, TStatistics> Statistics, ScalingFitView View) Observe<TStatistics>(
        IDataView input, Func<int, TStatistics> create, Action<TStatistics, float[]> add)
    {
        ArgumentNullException.ThrowIfNull(input);
        var inputs = Columns.Select(c => FloatColumn.Bind(input.Schema, c.InputColumnName, $"{Operation} input", nameof(input), ScalingOutputShape.KnownSizeReason)).ToArray();
        var distinct = inputs.DistinctBy(i => i.Column.Index).ToArray();
        var statistics = distinct.ToDictionary(i => i.Column.Index, i => create(i.Size));
        var view = new ScalingFitView(input,
            distinct.Select(i => new ScalingFitView.Observation(i, values => add(statistics[i.Column.Index], values))), Operation);
        return (inputs, distinct, statistics, view);
    }

    /// <summary>Refuses a fit that read no rows: there are no statistics to scale by.</summary>
    private protected void RequireRows(ScalingFitView view)
    {
        if (view.RowsRead == 0)
            throw new InvalidOperationException($"{Operation} cannot be fitted: the training data has no rows.");
    }
}
