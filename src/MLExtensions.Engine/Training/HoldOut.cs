using System.Globalization;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Training;

/// <summary>
/// Splits a validation set off the training rows as two views of the same buffers: no value is copied. For
/// classification targets each class keeps its proportion: the validation set holds the requested fraction of the rows
/// (rounded to a whole row; at most that fraction when classes too small to give a row cap it), and each class's share of it is within one row of its exact proportional share (largest
/// remainders); a class never leaves the training side entirely, and the classes too small to reach the validation set
/// are named in the split's note. Otherwise rows are drawn uniformly. Deterministic for a seed.
/// </summary>
public static class HoldOut
{
    public static HoldOutSplit Split(TrainingData data, double fraction, bool stratify, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(random);
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must be in (0, 1).");
        if (data.RowCount < 2)
            throw new ArgumentException($"A validation set cannot be held out of {data.RowCount} row.", nameof(data));

        string? note = null;
        var validationRows = stratify && data.TargetWidth == 1
            ? StratifiedRows(data, fraction, random, out note)
            : UniformRows(data.RowCount, fraction, random);
        if (validationRows.Length == 0)
            throw new ArgumentException(
                $"A stratified validation set of {fraction.ToString(CultureInfo.InvariantCulture)} of the rows cannot be held out of these " +
                $"{data.RowCount} rows: no class has a row to spare, since each keeps at least one training row. Pass a validation " +
                "set of your own, or set the validation fraction to 0.", nameof(data));
        var isValidation = new bool[data.RowCount];
        foreach (int row in validationRows)
            isValidation[row] = true;
        var trainingRows = new int[data.RowCount - validationRows.Length];
        for (int row = 0, next = 0; row < data.RowCount; row++)
            if (!isValidation[row])
                trainingRows[next++] = row;
        Array.Sort(validationRows);
        return new HoldOutSplit(data.Select(trainingRows), data.Select(validationRows), note);
    }

    /// <summary>True for losses whose targets are class indices or binary labels.</summary>
    public static bool IsClassification(Loss loss) => loss is SoftmaxCrossEntropyLoss or BinaryCrossEntropyLoss;

    private static int ValidationCount(int rows, double fraction) => Math.Clamp((int)Math.Round(rows * fraction), 1, rows - 1);

    private static int[] UniformRows(int rows, double fraction, RandomSource random)
    {
        int count = ValidationCount(rows, fraction);
        var order = new int[rows];
        for (int i = 0; i < rows; i++)
            order[i] = i;
        random.Shuffle(order.AsSpan());
        return order[..count];
    }

    private static int[] StratifiedRows(TrainingData data, double fraction, RandomSource random, out string? note)
    {
        var byClass = new SortedDictionary<float, List<int>>();
        for (int row = 0; row < data.RowCount; row++)
        {
            float label = data.TargetsOf(row)[0];
            if (!byClass.TryGetValue(label, out var rows))
                byClass[label] = rows = new List<int>();
            rows.Add(row);
        }

        int total = ValidationCount(data.RowCount, fraction);
        var labels = byClass.Keys.ToArray();
        var classes = byClass.Values.ToArray();
        var exact = new double[classes.Length];
        var quotas = new int[classes.Length];
        int assigned = 0;
        for (int c = 0; c < classes.Length; c++)
        {
            exact[c] = (double)classes[c].Count * total / data.RowCount;
            // Every class keeps at least one training row, so its quota stops one short of its size.
            quotas[c] = Math.Min((int)Math.Floor(exact[c]), classes[c].Count - 1);
            assigned += quotas[c];
        }
        // Largest remainders first; a class takes at most one row beyond its floor (so it stays within one row of its exact
        // share) and never its last row.
        foreach (int c in Enumerable.Range(0, classes.Length).OrderByDescending(c => exact[c] - quotas[c]).ThenBy(c => c))
        {
            if (assigned >= total)
                break;
            if (quotas[c] < Math.Ceiling(exact[c]) && quotas[c] < classes[c].Count - 1)
            {
                quotas[c]++;
                assigned++;
            }
        }

        var chosen = new List<int>(assigned);
        for (int c = 0; c < classes.Length; c++)
        {
            var rows = classes[c].ToArray();
            random.Shuffle(rows.AsSpan());
            chosen.AddRange(rows.Take(quotas[c]));
        }
        note = SmallClassesNote(labels, classes, quotas, fraction);
        return chosen.ToArray();
    }

    private static string? SmallClassesNote(float[] labels, List<int>[] classes, int[] quotas, double fraction)
    {
        var absent = Enumerable.Range(0, classes.Length).Where(c => quotas[c] == 0).ToArray();
        if (absent.Length == 0)
            return null;
        static string Label(float value) => value.ToString(CultureInfo.InvariantCulture);
        string examples = string.Join(", ", absent.Take(5).Select(c => $"{Label(labels[c])} ({classes[c].Count} {(classes[c].Count == 1 ? "row" : "rows")})"));
        return $"{absent.Length} of {classes.Length} classes are too small to be split by a validation fraction of " +
            $"{fraction.ToString("G3", CultureInfo.InvariantCulture)}: they are trained on but absent from the validation set " +
            $"(class {examples}{(absent.Length > 5 ? ", …" : "")}). Pass a validation set or raise the fraction to validate them.";
    }
}
