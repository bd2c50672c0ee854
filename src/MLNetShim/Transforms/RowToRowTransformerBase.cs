using Microsoft.ML.Runtime;

namespace Microsoft.ML.Data;

/// <summary>
/// Base of transformers that append columns. Public but not derivable outside the shim (private protected
/// constructor), exactly like ML.NET's; the ITransformer plumbing is explicit, so only
/// <see cref="GetOutputSchema"/> and <see cref="Transform"/> are on the public surface.
/// </summary>
public abstract class RowToRowTransformerBase : ITransformer
{
    private protected readonly IHost Host;

    private protected RowToRowTransformerBase(IHost host)
    {
        Host = host ?? throw new ArgumentNullException(nameof(host));
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        SaveModel(ctx);
    }

    private protected abstract void SaveModel(ModelSaveContext ctx);

    bool ITransformer.IsRowToRowMapper => true;

    IRowToRowMapper ITransformer.GetRowToRowMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new MapperAsRowToRowMapper(MakeRowMapper(inputSchema));
    }

    private protected abstract IRowMapper MakeRowMapper(DataViewSchema schema);

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new MappedSchema(MakeRowMapper(inputSchema)).Schema;
    }

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedDataView(input, MakeRowMapper(input.Schema));
    }
}
