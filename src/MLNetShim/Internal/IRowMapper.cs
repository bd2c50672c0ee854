namespace Microsoft.ML.Data;

/// <summary>
/// What a shim row-to-row transformer supplies for one input schema: the columns it appends and how to
/// compute each from an input row. The generic views and mappers below do the rest (active columns,
/// hiding replaced columns, cursors), so each transform only states its own logic.
/// </summary>
internal interface IRowMapper
{
    DataViewSchema InputSchema { get; }

    DataViewSchema.DetachedColumn[] OutputColumns { get; }

    /// <summary>Input column indices needed to compute output column <paramref name="outputIndex"/>.</summary>
    IEnumerable<int> GetInputDependencies(int outputIndex);

    /// <summary>A <c>ValueGetter&lt;T&gt;</c> (T = the output column's raw type) reading from <paramref name="input"/>.</summary>
    Delegate MakeGetter(DataViewRow input, int outputIndex);
}
