using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Transforms.Mapping;

/// <summary>The row-by-row face of a mapper, which <c>PredictionEngine</c> and transformer chains use.</summary>
internal sealed class MappedRowToRowMapper : IRowToRowMapper
{
    private readonly ColumnMapper _mapper;

    public MappedRowToRowMapper(ColumnMapper mapper) => _mapper = mapper;

    public DataViewSchema InputSchema => _mapper.InputSchema;
    public DataViewSchema OutputSchema => _mapper.OutputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        _mapper.Plan(dependingColumns).InputColumns;

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedRow(_mapper, input, _mapper.Plan(activeColumns).ActiveOutputs, ownsInput: false);
    }
}
