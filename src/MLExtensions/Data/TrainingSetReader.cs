using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Engine.Training;

namespace MLExtensions.Data;

/// <summary>
/// One pass over a data view into the engine's contiguous buffers: features, targets and optional weights, each value
/// copied once (<see cref="RowBuffer"/>: exact arrays when the view knows its row count). Rows whose features are NaN or
/// infinite are an error naming the row, unless the caller asks to skip them. Every message names the data set
/// (training or validation), the column and the row; the pass checks the cancellation token as it goes.
/// </summary>
internal static class TrainingSetReader
{
    /// <summary>The rows read.</summary>
    /// <param name="Data">The features, targets and weights of the rows kept.</param>
    /// <param name="SkippedRows">Rows left out for NaN or infinite features (only when asked to skip them).</param>
    public sealed record Result(TrainingData Data, long SkippedRows);

    // Rows between two looks at the cancellation token: often enough to stop within milliseconds, rarely enough to cost nothing.
    private const int RowsPerCancellationCheck = 1024;

    /// <summary>Reads every row of <paramref name="data"/> in one cursor pass.</summary>
    /// <param name="data">The data view to read.</param>
    /// <param name="features">The bound feature column.</param>
    /// <param name="label">The bound label column, which turns each label into the engine's targets.</param>
    /// <param name="weightColumnName">A Single column of example weights, or null or empty for none.</param>
    /// <param name="skipNonFiniteFeatures">Skip rows with a NaN or infinite feature rather than throw.</param>
    /// <param name="role">"training" or "validation": which data set the messages name.</param>
    /// <param name="cancellationToken">Checked every 1,024 rows.</param>
    /// <exception cref="ArgumentOutOfRangeException">The weight column is missing or not Single.</exception>
    /// <exception cref="InvalidOperationException">A row holds a bad feature, label or weight, no row is left, or every weight is zero.</exception>
    public static Result Read(IDataView data, FloatColumn features, LabelColumn label, string? weightColumnName, bool skipNonFiniteFeatures,
        string role = "training", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        cancellationToken.ThrowIfCancellationRequested();
        DataViewSchema.Column? weightColumn = null;
        if (!string.IsNullOrEmpty(weightColumnName))
        {
            weightColumn = ColumnLookup.Require(data.Schema, weightColumnName, $"{role} data's example weight");
            if (weightColumn.Value.Type != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(weightColumnName),
                    $"The example weight column '{weightColumnName}' of the {role} data must be Single (float); it holds {weightColumn.Value.Type}.");
        }

        long? rows = data.GetRowCount();
        var featureValues = new RowBuffer(features.Size, rows, $"the {role} data's feature column '{features.Column.Name}'");
        var targetValues = new RowBuffer(label.Width, rows, $"the {role} data's label column '{label.Column.Name}'");
        var weightValues = weightColumn is { } wc ? new RowBuffer(1, rows, $"the {role} data's example weight column '{wc.Name}'") : null;
        long skipped = 0;
        bool anyWeight = false;

        try
        {
            ReadRows(data, features, label, weightColumn, skipNonFiniteFeatures, featureValues, targetValues, weightValues, role,
                cancellationToken, ref skipped, ref anyWeight);
        }
        catch (InvalidOperationException e) when (!e.Message.Contains($"the {role} data", StringComparison.Ordinal))
        {
            // Row-level messages name the row and the column; which data set they come from matters too.
            throw new InvalidOperationException($"In the {role} data: {e.Message}", e);
        }

        if (targetValues.Count == 0)
            throw new InvalidOperationException(skipped > 0
                ? $"All {skipped} rows of the {role} data had NaN or infinite features and were skipped; nothing is left to {(role == "training" ? "train" : "validate")} on."
                : $"The {role} data has no rows.");
        if (weightColumn is { } column && !anyWeight)
            throw new InvalidOperationException(
                $"Every value of the example weight column '{column.Name}' in the {role} data is zero, so there is nothing to " +
                $"{(role == "training" ? "train" : "validate")} on: give some rows a positive weight.");
        return new Result(
            new TrainingData(featureValues.ToArray(), features.Size, targetValues.ToArray(), label.Width, weightValues?.ToArray()),
            skipped);
    }

    private static void ReadRows(IDataView data, FloatColumn features, LabelColumn label, DataViewSchema.Column? weightColumn,
        bool skipNonFiniteFeatures, RowBuffer featureValues, RowBuffer targetValues, RowBuffer? weightValues, string role,
        CancellationToken cancellationToken, ref long skipped, ref bool anyWeight)
    {
        var columns = new List<DataViewSchema.Column> { features.Column, label.Column };
        if (weightColumn is { } w)
            columns.Add(w);
        long position = 0;
        using var cursor = data.GetRowCursor(columns);
        var readFeatures = features.CreateReader(cursor, role);
        var readTarget = label.CreateReader(cursor);
        ValueGetter<float>? readWeight = weightColumn is { } wc ? cursor.GetGetter<float>(wc) : null;
        var rowFeatures = new float[features.Size];
        var rowTarget = new float[label.Width];
        for (; cursor.MoveNext(); position++)
        {
            if (position % RowsPerCancellationCheck == 0)
                cancellationToken.ThrowIfCancellationRequested();
            readFeatures.Read(rowFeatures, position);
            int bad = FirstNonFinite(rowFeatures);
            if (bad >= 0)
            {
                if (skipNonFiniteFeatures)
                {
                    skipped++;
                    continue;
                }
                throw new InvalidOperationException(
                    $"Row {position} of feature column '{features.Column.Name}' in the {role} data holds {rowFeatures[bad]} at slot {bad}. " +
                    "Replace missing values (e.g. mlContext.Transforms.ReplaceMissingValues) or set the option to skip such rows.");
            }
            readTarget(position, rowTarget);
            if (readWeight is not null)
            {
                float weight = 0;
                readWeight(ref weight);
                if (!(weight >= 0) || float.IsPositiveInfinity(weight))
                    throw new InvalidOperationException(
                        $"Row {position} of example weight column '{weightColumn!.Value.Name}' in the {role} data is {weight}; weights must be finite and non-negative.");
                anyWeight |= weight > 0;
                weightValues!.Add(weight);
            }
            featureValues.Add(rowFeatures);
            targetValues.Add(rowTarget);
        }
    }

    private static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                return i;
        return -1;
    }
}
