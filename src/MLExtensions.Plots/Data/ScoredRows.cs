using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;

namespace MLExtensions.Plots;

/// <summary>Reads the label and score columns of scored data, checking their types first and naming the column
/// and what was expected when they are wrong.</summary>
internal static class ScoredRows
{
    public static (IReadOnlyList<string> ClassNames, List<(int Label, float[] Scores)> Rows) ReadMulticlass(IDataView data, string labelColumnName, string scoreColumnName)
    {
        var label = ColumnLookup.Require(data.Schema, labelColumnName, "label", nameof(labelColumnName));
        var score = ColumnLookup.Require(data.Schema, scoreColumnName, "score", nameof(scoreColumnName));
        if (score.Type is not VectorDataViewType { ItemType: NumberDataViewType, Size: > 0 } vector || vector.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"The score column '{scoreColumnName}' must be a known-size vector of Single (one score per class); it holds {score.Type}.", nameof(scoreColumnName));
        int classes = vector.Size;
        var readLabel = ClassIndexReader(label, classes);
        var names = ColumnAnnotations.ClassNames(score, label, classes);

        var rows = new List<(int, float[])>();
        using var cursor = data.GetRowCursor(new[] { label, score });
        var labelOf = readLabel(cursor);
        var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
        var buffer = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            int y = labelOf();
            if (y < 0)
                continue;
            scoreGetter(ref buffer);
            var scores = new float[classes];
            buffer.CopyTo(scores);
            rows.Add((y, scores));
        }
        return (names, rows);
    }

    /// <summary>Label and score pairs of regression output, leaving out rows where either is NaN (as ML.NET's evaluator does).</summary>
    public static List<(double Label, double Score)> ReadRegression(IDataView data, string labelColumnName, string scoreColumnName)
    {
        var label = ColumnLookup.Require(data.Schema, labelColumnName, "label", nameof(labelColumnName));
        var score = ColumnLookup.Require(data.Schema, scoreColumnName, "score", nameof(scoreColumnName));
        if (label.Type != NumberDataViewType.Single && label.Type != NumberDataViewType.Double)
            throw new ArgumentException($"The regression label column '{labelColumnName}' must be Single or Double; it holds {label.Type}.", nameof(labelColumnName));
        if (score.Type != NumberDataViewType.Single)
            throw new ArgumentException($"The regression score column '{scoreColumnName}' must be Single; it holds {score.Type}.", nameof(scoreColumnName));
        var rows = new List<(double, double)>();
        using var cursor = data.GetRowCursor(new[] { label, score });
        var labelOf = label.Type == NumberDataViewType.Single
            ? ColumnValueReader.Create<float, double>(cursor, label, v => v)
            : ColumnValueReader.Create<double, double>(cursor, label, v => v);
        var scoreOf = ColumnValueReader.Create<float, double>(cursor, score, v => v);
        while (cursor.MoveNext())
        {
            double y = labelOf(), s = scoreOf();
            if (!double.IsNaN(y) && !double.IsNaN(s))
                rows.Add((y, s));
        }
        return rows;
    }

    private static Func<DataViewRow, Func<int>> ClassIndexReader(DataViewSchema.Column label, int classes)
    {
        if (label.Type is KeyDataViewType)
        {
            return row =>
            {
                var read = KeyReader.Create(row, label);
                return () =>
                {
                    ulong key = read();
                    return key >= 1 && key <= (ulong)classes ? (int)key - 1 : -1;
                };
            };
        }
        if (label.Type == NumberDataViewType.Single)
        {
            return row => ColumnValueReader.Create<float, int>(row, label,
                value => value >= 0 && value < classes && value == MathF.Floor(value) ? (int)value : -1);
        }
        throw new ArgumentException(
            $"The multiclass label column '{label.Name}' must be a key (as MapValueToKey makes) or Single holding the 0-based class index; it holds {label.Type}.", label.Name);
    }
}
