using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Engine.Training;

namespace MLExtensions.Data;

/// <summary>
/// One pass over a data view into the engine's contiguous buffers: features, targets and optional weights.
/// Rows whose features are NaN or infinite are an error naming the row, unless the caller asks to skip them.
/// </summary>
internal static class TrainingSetReader
{
    public sealed record Result(TrainingData Data, long SkippedRows);

    /// <param name="role">"training" or "validation": which data set the messages name.</param>
    public static Result Read(IDataView data, FeatureColumn features, LabelColumn label, string? weightColumnName, bool skipNonFiniteFeatures,
        string role = "training")
    {
        ArgumentNullException.ThrowIfNull(data);
        DataViewSchema.Column? weightColumn = null;
        if (!string.IsNullOrEmpty(weightColumnName))
        {
            weightColumn = ColumnLookup.Require(data.Schema, weightColumnName, "example weight");
            if (weightColumn.Value.Type != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(weightColumnName),
                    $"The example weight column '{weightColumnName}' must be Single (float); it holds {weightColumn.Value.Type}.");
        }

        var columns = new List<DataViewSchema.Column> { features.Column, label.Column };
        if (weightColumn is { } w)
            columns.Add(w);

        long rowsToExpect = data.GetRowCount() ?? 1024;
        var featureValues = new GrowableBuffer(InitialCapacity(features.Size, rowsToExpect));
        var targetValues = new GrowableBuffer(InitialCapacity(label.Width, rowsToExpect));
        var weightValues = weightColumn is null ? null : new GrowableBuffer(InitialCapacity(1, rowsToExpect));
        long skipped = 0;

        try
        {
            ReadRows(data, columns, features, label, weightColumn, skipNonFiniteFeatures, featureValues, targetValues, weightValues, ref skipped);
        }
        catch (InvalidOperationException e) when (role != "training")
        {
            // Row-level messages name the row and the column; which data set they come from matters too.
            throw new InvalidOperationException($"In the {role} data: {e.Message}", e);
        }

        if (targetValues.Count == 0)
            throw new InvalidOperationException(skipped > 0
                ? $"All {skipped} rows of the {role} data had NaN or infinite features and were skipped; nothing is left to {(role == "training" ? "train" : "validate")} on."
                : $"The {role} data has no rows.");
        return new Result(
            new TrainingData(featureValues.ToArray(), features.Size, targetValues.ToArray(), label.Width, weightValues?.ToArray()),
            skipped);
    }

    private static void ReadRows(IDataView data, List<DataViewSchema.Column> columns, FeatureColumn features, LabelColumn label,
        DataViewSchema.Column? weightColumn, bool skipNonFiniteFeatures, GrowableBuffer featureValues, GrowableBuffer targetValues,
        GrowableBuffer? weightValues, ref long skipped)
    {
        long position = 0;
        using (var cursor = data.GetRowCursor(columns))
        {
            var readFeatures = features.CreateReader(cursor);
            var readTarget = label.CreateReader(cursor);
            ValueGetter<float>? readWeight = weightColumn is { } wc ? cursor.GetGetter<float>(wc) : null;
            var rowFeatures = new float[features.Size];
            var rowTarget = new float[label.Width];
            for (; cursor.MoveNext(); position++)
            {
                readFeatures.Read(rowFeatures);
                int bad = FirstNonFinite(rowFeatures);
                if (bad >= 0)
                {
                    if (skipNonFiniteFeatures)
                    {
                        skipped++;
                        continue;
                    }
                    throw new InvalidOperationException(
                        $"Row {position} of feature column '{features.Column.Name}' holds {rowFeatures[bad]} at slot {bad}. " +
                        "Replace missing values (e.g. mlContext.Transforms.ReplaceMissingValues) or set the option to skip such rows.");
                }
                readTarget(position, rowTarget);
                if (readWeight is not null)
                {
                    float weight = 0;
                    readWeight(ref weight);
                    if (!(weight >= 0) || float.IsPositiveInfinity(weight))
                        throw new InvalidOperationException(
                            $"Row {position} of example weight column '{weightColumn!.Value.Name}' is {weight}; weights must be finite and non-negative.");
                    weightValues!.Add(weight);
                }
                featureValues.Add(rowFeatures);
                targetValues.Add(rowTarget);
            }
        }
    }

    // Computed in long and capped: width × rows overflows int for wide data, and the buffers grow as needed anyway.
    private static int InitialCapacity(int width, long rows) => (int)Math.Min((long)width * Math.Max(rows, 1), 1 << 24);

    private static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                return i;
        return -1;
    }

    /// <summary>A float list that grows by doubling, without List&lt;T&gt;'s per-element overhead on spans.</summary>
    private sealed class GrowableBuffer
    {
        private float[] _values;

        public GrowableBuffer(int capacity) => _values = new float[Math.Max(capacity, 16)];

        public int Count { get; private set; }

        public void Add(float value)
        {
            Reserve(1);
            _values[Count++] = value;
        }

        public void Add(ReadOnlySpan<float> values)
        {
            Reserve(values.Length);
            values.CopyTo(_values.AsSpan(Count));
            Count += values.Length;
        }

        private void Reserve(int extra)
        {
            if (Count + extra <= _values.Length)
                return;
            long size = Math.Max((long)_values.Length * 2, (long)Count + extra);
            if (size > Array.MaxLength)
                throw new InvalidOperationException("The training data is too large for one buffer (more than 2^31 values).");
            Array.Resize(ref _values, (int)size);
        }

        public float[] ToArray() => _values.AsSpan(0, Count).ToArray();
    }
}
