using Microsoft.ML.Data;

namespace Microsoft.ML;

public interface ITransformer : ICanSaveModel
{
    bool IsRowToRowMapper { get; }

    DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    IDataView Transform(IDataView input);

    IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema);
}
