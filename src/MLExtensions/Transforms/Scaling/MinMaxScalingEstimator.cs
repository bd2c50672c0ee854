using Microsoft.ML;

namespace MLExtensions.Transforms;

/// <summary>
/// Learns, in one pass over the training data, each slot's minimum and maximum (NaN values ignored) and gives a
/// <see cref="MinMaxScalingTransformer"/> mapping that range onto [min, max].
/// </summary>
public sealed class MinMaxScalingEstimator : IEstimator<MinMaxScalingTransformer>
{
    private const string Operation = "min-max scaling";
    private readonly (string OutputColumnName, string InputColumnName)[] _columns;
    private readonly float _min;
    private readonly float _max;
    private readonly bool _clip;

    internal MinMaxScalingEstimator(IReadOnlyList<(string OutputColumnName, string InputColumnName)> columns, float min, float max, bool clip)
    {
        _columns = ScalingColumnPairs.Validate(columns, "ScaleMinMax");
        CheckTargetRange(min, max);
        _min = min;
        _max = max;
        _clip = clip;
    }

    internal static void CheckTargetRange(float min, float max)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || !(min < max))
            throw new ArgumentOutOfRangeException(nameof(min), $"The target range [{min}, {max}] must be finite with min < max.");
    }

    public MinMaxScalingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var inputs = _columns.Select(c => ScalingInput.Bind(input.Schema, c.InputColumnName, Operation)).ToArray();
        var ranges = inputs.Select(i => new SlotRange(i.Size)).ToArray();
        ScalingFitPass.Run(input, inputs, ranges.Select(r => (Action<float[]>)(values => r.Add(values))).ToArray(), Operation);

        var columns = new MinMaxScaledColumn[_columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            var (minima, maxima) = ranges[i].Result();
            columns[i] = new MinMaxScaledColumn(_columns[i].OutputColumnName, _columns[i].InputColumnName, inputs[i].Size, inputs[i].IsVector,
                minima, maxima, _min, _max, _clip);
        }
        return new MinMaxScalingTransformer(columns);
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
