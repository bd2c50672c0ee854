using Microsoft.ML;
using MLExtensions.Onnx.Protobuf;
using MLExtensions.Transforms;

namespace MLExtensions.Onnx.Graph;

/// <summary>
/// The scalers as ONNX nodes. The forward scalings are ML.NET's affine map in its order of float operations,
/// (x − offset)·scale, then for min-max a target map min + t·(max − min) and a clamp that keeps NaN; the inverses
/// are z·k + c with per-slot constants rounded from the double-precision statistics.
/// </summary>
internal static class ScalingGraph
{
    /// <summary>Adds <paramref name="step"/>'s columns when it is a scaler of ours; false for any other transformer.</summary>
    public static bool TryAdd(OnnxOps ops, ITransformer step, Func<string, OnnxColumn> read, Action<string, OnnxColumn> write)
    {
        switch (step)
        {
            case StandardizingTransformer standardize:
                foreach (var column in standardize.Columns)
                    write(column.OutputColumnName, Scaled(column, Affine(ops, column, Input(read, column))));
                return true;
            case MinMaxScalingTransformer minMax:
                foreach (var column in minMax.Columns)
                    write(column.OutputColumnName, Scaled(column, MinMax(ops, column, Affine(ops, column, Input(read, column)))));
                return true;
            case InverseScalingTransformer inverse:
                foreach (var column in inverse.Columns)
                {
                    var input = read(column.InputColumnName);
                    if (input.Size != column.Statistics.SlotCount || input.ElementType != TensorProto.Types.DataType.Float)
                        throw new InvalidOperationException(
                            $"The inverse scaling reads '{column.InputColumnName}' with {input.Size} values; it was fitted on {column.Statistics.SlotCount}.");
                    write(column.OutputColumnName, new OnnxColumn(Unscale(ops, column.Statistics, input.Value), input.Size, input.IsVector, input.ElementType));
                }
                return true;
            default:
                return false;
        }
    }

    private static OnnxColumn Input(Func<string, OnnxColumn> read, ScaledColumn column)
    {
        var input = read(column.InputColumnName);
        if (input.Size != column.SlotCount || input.ElementType != TensorProto.Types.DataType.Float)
            throw new InvalidOperationException(
                $"The scaler reads '{column.InputColumnName}' with {input.Size} values; it was fitted on {column.SlotCount}.");
        return input;
    }

    private static OnnxColumn Scaled(ScaledColumn column, string value) =>
        new(value, column.SlotCount, column.IsVector, TensorProto.Types.DataType.Float);

    private static string Affine(OnnxOps ops, ScaledColumn column, OnnxColumn input)
    {
        int n = column.SlotCount;
        string centered = ops.Sub(input.Value, ops.Graph.FloatTensor($"{column.OutputColumnName}_offset", column.Offsets.ToArray(), n));
        return ops.Mul(centered, ops.Graph.FloatTensor($"{column.OutputColumnName}_scale", column.Scales.ToArray(), n), $"{column.OutputColumnName}_scaled");
    }

    private static string MinMax(OnnxOps ops, MinMaxScaledColumn column, string t)
    {
        // As the scaler runs it: ML.NET's [0, 1] result, then min + t·(max − min) when the target is another range.
        bool mapsTarget = !(column.TargetMin == 0f && column.TargetMax == 1f);
        float span = column.TargetMax - column.TargetMin;
        string y = mapsTarget ? ops.Add(ops.Float(column.TargetMin), ops.Mul(t, ops.Float(span))) : t;
        if (!column.Clip)
            return y;
        // Where keeps NaN, whatever a runtime's Min and Max do with it.
        string clamped = ops.Min(ops.Max(y, ops.Float(column.TargetMin)), ops.Float(column.TargetMax));
        return ops.Where(ops.IsNaN(y), y, clamped, $"{column.OutputColumnName}_clipped");
    }

    /// <summary>z·k + c per slot; a slot without spread gives its constant (mean, or training minimum) for every finite z.</summary>
    private static string Unscale(OnnxOps ops, ScaledColumn statistics, string z)
    {
        int n = statistics.SlotCount;
        var factors = new float[n];
        var constants = new float[n];
        for (int slot = 0; slot < n; slot++)
        {
            switch (statistics)
            {
                case StandardizedColumn s:
                    double deviation = s.StandardDeviations[slot];
                    factors[slot] = deviation > 0 ? (float)deviation : 0f;
                    constants[slot] = (float)s.Means[slot];
                    break;
                case MinMaxScaledColumn m:
                    double low = m.Minima[slot], high = m.Maxima[slot];
                    double span = (double)m.TargetMax - m.TargetMin;
                    factors[slot] = high > low ? (float)((high - low) / span) : 0f;
                    constants[slot] = high > low ? (float)(low - m.TargetMin * (high - low) / span) : (float)low;
                    break;
                default:
                    throw new NotSupportedException($"The inverse of a {statistics.GetType().Name} has no ONNX form.");
            }
        }
        string scaled = ops.Mul(z, ops.Graph.FloatTensor("inverse_factor", factors, n));
        return ops.Add(scaled, ops.Graph.FloatTensor("inverse_constant", constants, n), "unscaled");
    }
}
