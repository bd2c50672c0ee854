using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Saving;
using MLExtensions.Transforms.Mapping;

namespace MLExtensions.Transforms;

/// <summary>
/// The ML.NET face shared by the scaling transformers: immutable and thread-safe, transforming lazily (a
/// value is scaled when a cursor reads it). It cannot go inside an <c>mlContext.Model.Save</c> zip, because
/// ML.NET keeps the types that would need internal: save it with <see cref="Save(Stream)"/> or a whole
/// pipeline with <c>mlContext.Model.SavePipeline</c>.
/// </summary>
public abstract class ScalingTransformerBase : ITransformer, ISavableTransformer
{
    private readonly ColumnScaling[] _scalings;
    private readonly string _operation;

    private protected ScalingTransformerBase(IEnumerable<ColumnScaling> scalings, string operation)
    {
        _scalings = scalings.ToArray();
        _operation = operation;
    }

    public bool IsRowToRowMapper => true;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => CreateMapper(inputSchema).OutputSchema;

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedDataView(input, CreateMapper(input.Schema));
    }

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new MappedRowToRowMapper(CreateMapper(inputSchema));

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(
        $"{GetType().Name} cannot be stored in an ML.NET model zip (ML.NET keeps the needed types internal). " +
        "Save the whole pipeline with mlContext.Model.SavePipeline(...) and load it with mlContext.Model.LoadPipeline(...), " +
        $"or this transformer alone with {GetType().Name}.Save(Stream) and TransformerFile.Load(Stream).");

    /// <summary>Writes this transformer in MLExtensions' own versioned, checksummed format; <c>TransformerFile.Load</c> reads it back.</summary>
    public void Save(Stream stream) => TransformerFile.Save(this, stream);

    string ISavableTransformer.FormatKind => ScalingFile.Kind;

    void ISavableTransformer.WritePayload(BinaryWriter writer) => ScalingFile.Write(this, writer);

    /// <summary>The tag that picks this transformer's reader in <see cref="ScalingFile"/>.</summary>
    internal abstract string FileTag { get; }

    internal abstract void WriteState(BinaryWriter writer);

    private ScalingMapper CreateMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new ScalingMapper(inputSchema, _scalings, _operation);
    }

    /// <summary>The column of <paramref name="columns"/> written to <paramref name="outputColumnName"/>, or an error listing them.</summary>
    private protected static TColumn Find<TColumn>(IReadOnlyList<TColumn> columns, string outputColumnName) where TColumn : ScaledColumn
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        return columns.FirstOrDefault(c => c.OutputColumnName == outputColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(outputColumnName),
                $"No column '{outputColumnName}' was fitted; the fitted output columns are {string.Join(", ", columns.Select(c => $"'{c.OutputColumnName}'"))}.");
    }
}
