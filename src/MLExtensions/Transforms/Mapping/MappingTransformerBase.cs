using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Saving;

namespace MLExtensions.Transforms.Mapping;

/// <summary>
/// The ML.NET face every transformer of ours shares: immutable and thread-safe, lazy (values are computed when
/// a cursor reads them), usable row by row (so <c>PredictionEngine</c> works), and saved in MLExtensions' own
/// format. It cannot go inside an <c>mlContext.Model.Save</c> zip, because ML.NET keeps the types that would
/// need internal: save it with <see cref="Save(Stream)"/>, or a whole pipeline with
/// <c>mlContext.Model.SavePipeline</c>.
/// </summary>
public abstract class MappingTransformerBase : ITransformer, ISavableTransformer
{
    private protected MappingTransformerBase()
    {
    }

    /// <summary>Always true: every output value is computed from its own row alone.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema with this transformer's output columns added (an output replaces an input column of the
    /// same name). The input columns are checked here as <see cref="Transform"/> checks them.</summary>
    /// <param name="inputSchema">The schema of the data to transform.</param>
    /// <returns>The schema of the transformed data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputSchema"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input column is missing, or is not Single or a vector of Single of
    /// the size the transformer was fitted on; the message names it.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateMapper(inputSchema).OutputSchema;

    /// <summary>A lazy view of <paramref name="input"/> with the output columns added: nothing is read or computed until a
    /// cursor reads an output, and only the input columns an active output needs are read. The columns are checked now.</summary>
    /// <param name="input">The data to transform.</param>
    /// <returns>The transformed view.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input column is missing, or is not Single or a vector of Single of
    /// the size the transformer was fitted on; the message names it.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedDataView(input, CreateMapper(input.Schema));
    }

    /// <summary>A mapper computing the output columns of one row at a time, as <c>PredictionEngine</c> uses it.</summary>
    /// <param name="inputSchema">The schema of the rows to map.</param>
    /// <returns>The mapper.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputSchema"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An input column is missing or of the wrong type or size.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new MappedRowToRowMapper(CreateMapper(inputSchema));

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(
        $"{GetType().Name} cannot be stored in an ML.NET model zip (ML.NET keeps the needed types internal). " +
        "Save the whole pipeline with mlContext.Model.SavePipeline(...) and load it with mlContext.Model.LoadPipeline(...), " +
        $"or this transformer alone with {GetType().Name}.Save(Stream) and TransformerFile.Load(Stream).");

    /// <summary>Writes this transformer in MLExtensions' own versioned format, verified by SHA-256 digests when read;
    /// <c>TransformerFile.Load</c> reads it back.</summary>
    /// <param name="stream">A writable stream; it is left open, and untouched if the save fails.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream) => TransformerFile.Save(this, stream);

    string ISavableTransformer.FormatKind => FormatKind;

    void ISavableTransformer.WritePayload(BinaryWriter writer) => WritePayload(writer);

    /// <summary>The file kind that picks this transformer's reader in <see cref="TransformerFile"/>.</summary>
    private protected abstract string FormatKind { get; }

    private protected abstract void WritePayload(BinaryWriter writer);

    /// <summary>The mapper for data of <paramref name="inputSchema"/>; throws naming a missing or mistyped column.</summary>
    internal abstract ColumnMapper CreateMapper(DataViewSchema inputSchema);
}
