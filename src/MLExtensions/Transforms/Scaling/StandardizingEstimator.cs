using Microsoft.ML;

namespace MLExtensions.Transforms;

/// <summary>
/// Learns, in one pass over the training data, each slot's mean and population standard deviation (NaN values
/// ignored, each slot counting its own values) and gives a <see cref="StandardizingTransformer"/>. Every column
/// is fitted on the input data, never on another column's output.
/// </summary>
public sealed class StandardizingEstimator : IEstimator<StandardizingTransformer>
{
    private const string Operation = "standardization";
    private readonly (string OutputColumnName, string InputColumnName)[] _columns;

    internal StandardizingEstimator(IReadOnlyList<(string OutputColumnName, string InputColumnName)> columns)
    {
        _columns = ScalingColumnPairs.Validate(columns, "Standardize");
    }

    public StandardizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var inputs = _columns.Select(c => ScalingInput.Bind(input.Schema, c.InputColumnName, Operation)).ToArray();
        var moments = inputs.Select(i => new SlotMoments(i.Size)).ToArray();
        ScalingFitPass.Run(input, inputs, moments.Select(m => (Action<float[]>)(values => m.Add(values))).ToArray(), Operation);

        var columns = new StandardizedColumn[_columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            var (means, deviations) = moments[i].Result();
            columns[i] = new StandardizedColumn(_columns[i].OutputColumnName, _columns[i].InputColumnName, inputs[i].Size, inputs[i].IsVector, means, deviations);
        }
        return new StandardizingTransformer(columns);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var outputs = _columns
            .Select(c => ScalingInput.OutputShape(inputSchema, c.InputColumnName, c.OutputColumnName, Operation, marksNormalized: true))
            .ToArray();
        return Schema.SchemaShapeColumns.With(inputSchema, outputs);
    }
}
