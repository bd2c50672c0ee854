namespace Microsoft.ML.Data;

/// <summary>
/// The layout shared by mapped views: input columns keep their indices and the mapper's outputs are
/// appended, hiding same-named input columns.
/// </summary>
internal sealed class MappedSchema
{
    internal MappedSchema(IRowMapper mapper)
    {
        Mapper = mapper;
        InputCount = mapper.InputSchema.Count;
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(mapper.InputSchema);
        builder.AddColumns(mapper.OutputColumns);
        Schema = builder.ToSchema();
    }

    internal IRowMapper Mapper { get; }

    internal int InputCount { get; }

    internal DataViewSchema Schema { get; }

    /// <summary>Splits requested output-schema columns into active outputs and the input columns they need.</summary>
    internal (bool[] ActiveOutputs, DataViewSchema.Column[] InputColumns) Plan(IEnumerable<DataViewSchema.Column> requested)
    {
        var activeOutputs = new bool[Mapper.OutputColumns.Length];
        var inputs = new SortedSet<int>();
        foreach (var column in requested)
        {
            if (column.Index < InputCount)
            {
                inputs.Add(column.Index);
                continue;
            }
            int output = column.Index - InputCount;
            if (output >= activeOutputs.Length)
                throw new ArgumentOutOfRangeException(nameof(requested), $"Column '{column.Name}' is not part of this schema.");
            activeOutputs[output] = true;
        }
        for (int i = 0; i < activeOutputs.Length; i++)
        {
            if (activeOutputs[i])
                inputs.UnionWith(Mapper.GetInputDependencies(i));
        }
        return (activeOutputs, inputs.Select(i => Mapper.InputSchema[i]).ToArray());
    }
}
