using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Transforms;

/// <summary>
/// The one pass over the training data that every scaling estimator makes: each input column's rows, made
/// dense, go to that column's accumulator. Infinite values are refused (they would make every statistic of
/// their slot infinite or NaN); NaN values go through for the accumulators to skip.
/// </summary>
internal static class ScalingFitPass
{
    public static void Run(IDataView data, IReadOnlyList<ScalingInput> inputs, IReadOnlyList<Action<float[]>> accumulate, string operation)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = inputs.Select(i => i.Column).DistinctBy(c => c.Index).ToArray();
        long rows = 0;
        using (var cursor = data.GetRowCursor(columns))
        {
            var readers = inputs.Select(input => CreateReader(cursor, input)).ToArray();
            var buffers = inputs.Select(input => new float[input.Size]).ToArray();
            for (; cursor.MoveNext(); rows++)
            {
                for (int i = 0; i < readers.Length; i++)
                {
                    readers[i](buffers[i]);
                    int bad = FirstInfinite(buffers[i]);
                    if (bad >= 0)
                        throw new InvalidOperationException(
                            $"Row {rows} of column '{inputs[i].Column.Name}' holds {buffers[i][bad]}" +
                            (inputs[i].IsVector ? $" at slot {bad}" : "") +
                            $"; {operation} needs finite values (NaN values are ignored while fitting).");
                    accumulate[i](buffers[i]);
                }
            }
        }
        if (rows == 0)
            throw new InvalidOperationException($"{operation} cannot be fitted: the training data has no rows.");
    }

    private static Action<float[]> CreateReader(DataViewRow row, ScalingInput input)
    {
        if (!input.IsVector)
        {
            var scalar = row.GetGetter<float>(input.Column);
            return destination =>
            {
                float value = 0;
                scalar(ref value);
                destination[0] = value;
            };
        }
        var vector = row.GetGetter<VBuffer<float>>(input.Column);
        var buffer = default(VBuffer<float>);
        string name = input.Column.Name;
        return destination =>
        {
            vector(ref buffer);
            if (buffer.Length != destination.Length)
                throw new InvalidOperationException($"A row of column '{name}' has {buffer.Length} values where its type declares {destination.Length}.");
            buffer.CopyTo(destination);
        };
    }

    private static int FirstInfinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (float.IsInfinity(values[i]))
                return i;
        return -1;
    }
}
