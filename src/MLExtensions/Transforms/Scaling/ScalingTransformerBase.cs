using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;

namespace MLExtensions.Transforms;

/// <summary>
/// What the forward scalers share: the fitted columns, and ML.NET's own transformers that compute them (its
/// normalizer, followed for a non-[0, 1] target or clipping by an Expression transform). Scoring and saving go
/// to those transformers, so <c>mlContext.Model.Save</c> stores a scaler as ML.NET's normalizer and a program
/// with only ML.NET loads it; MLExtensions adds the statistics in double precision, the inverse and the checks
/// that name a column fitted on another shape.
/// </summary>
public abstract class ScalingTransformerBase : ITransformer
{
    private readonly ScaledColumn[] _columns;
    private readonly string _operation;

    private protected ScalingTransformerBase(ITransformer mlnetTransformer, IEnumerable<ScaledColumn> columns, string operation)
    {
        MLNetTransformer = mlnetTransformer ?? throw new ArgumentNullException(nameof(mlnetTransformer));
        _columns = columns.ToArray();
        _operation = operation;
    }

    /// <summary>The ML.NET transformer (a <c>NormalizingTransformer</c>, or a chain of it and Expression transforms) this scaler runs and saves as.</summary>
    public ITransformer MLNetTransformer { get; }

    /// <summary>Always true: each row is scaled on its own.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The output schema of <see cref="MLNetTransformer"/>, after checking that every fitted input column is in
    /// <paramref name="inputSchema"/> with the shape it was fitted on.</summary>
    /// <param name="inputSchema">The schema of the data to scale.</param>
    /// <returns>The schema of the scaled data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputSchema"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A fitted input column is missing, not Single, or of another size or
    /// shape (scalar or vector) than it was fitted on; the message names it.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        Check(inputSchema);
        return MLNetTransformer.GetOutputSchema(inputSchema);
    }

    /// <summary>Checks the input columns as <see cref="GetOutputSchema"/> does, then returns
    /// <see cref="MLNetTransformer"/>'s lazy view of <paramref name="input"/>.</summary>
    /// <param name="input">The data to scale.</param>
    /// <returns>The scaled view; values are computed as a cursor reads them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A fitted input column is missing or of another type, size or shape.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Check(input.Schema);
        return MLNetTransformer.Transform(input);
    }

    /// <summary>Checks the input columns as <see cref="GetOutputSchema"/> does, then returns
    /// <see cref="MLNetTransformer"/>'s row mapper.</summary>
    /// <param name="inputSchema">The schema of the rows to scale.</param>
    /// <returns>The row mapper.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputSchema"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A fitted input column is missing or of another type, size or shape.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        Check(inputSchema);
        return MLNetTransformer.GetRowToRowMapper(inputSchema);
    }

    /// <summary>Saves ML.NET's transformer in this one's place: the saved model loads without MLExtensions.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => MLNetTransformer.Save(ctx);

    private void Check(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (var column in _columns)
            FloatColumn.Rebind(inputSchema, column.InputColumnName, $"{_operation} input", nameof(inputSchema), column.SlotCount, column.IsVector);
    }
}
