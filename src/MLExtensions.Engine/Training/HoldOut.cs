using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Training;

/// <summary>
/// Splits a validation set off the training rows. For classification targets each class keeps its
/// proportion (largest-remainder rounding, and a class with at least two rows appears on both sides);
/// otherwise rows are drawn uniformly. Deterministic for a seed.
/// </summary>
public static class HoldOut
{
    public static (TrainingData Training, TrainingData Validation) Split(TrainingData data, double fraction, bool stratify, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(random);
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must be in (0, 1).");
        if (data.RowCount < 2)
            throw new ArgumentException($"A validation set cannot be held out of {data.RowCount} row.", nameof(data));

        var validationRows = stratify && data.TargetWidth == 1 ? StratifiedRows(data, fraction, random) : UniformRows(data.RowCount, fraction, random);
        var isValidation = new bool[data.RowCount];
        foreach (int row in validationRows)
            isValidation[row] = true;
        var trainingRows = Enumerable.Range(0, data.RowCount).Where(r => !isValidation[r]).ToArray();
        Array.Sort(validationRows);
        return (Take(data, trainingRows), Take(data, validationRows));
    }

    /// <summary>True for losses whose targets are class indices or binary labels.</summary>
    public static bool IsClassification(Loss loss) => loss is SoftmaxCrossEntropyLoss or BinaryCrossEntropyLoss;

    private static int[] UniformRows(int rows, double fraction, RandomSource random)
    {
        int count = Math.Clamp((int)Math.Round(rows * fraction), 1, rows - 1);
        var order = Enumerable.Range(0, rows).ToArray();
        random.Shuffle(order.AsSpan());
        return order[..count];
    }

    private static int[] StratifiedRows(TrainingData data, double fraction, RandomSource random)
    {
        var byClass = new SortedDictionary<float, List<int>>();
        for (int row = 0; row < data.RowCount; row++)
        {
            float label = data.Targets[row];
            if (!byClass.TryGetValue(label, out var rows))
                byClass[label] = rows = new List<int>();
            rows.Add(row);
        }

        int total = Math.Clamp((int)Math.Round(data.RowCount * fraction), 1, data.RowCount - 1);
        var classes = byClass.Values.ToArray();
        var quotas = new int[classes.Length];
        var remainders = new double[classes.Length];
        int assigned = 0;
        for (int c = 0; c < classes.Length; c++)
        {
            double exact = (double)classes[c].Count * total / data.RowCount;
            quotas[c] = (int)Math.Floor(exact);
            remainders[c] = exact - quotas[c];
            assigned += quotas[c];
        }
        foreach (int c in Enumerable.Range(0, classes.Length).OrderByDescending(c => remainders[c]).ThenBy(c => c))
        {
            if (assigned >= total)
                break;
            quotas[c]++;
            assigned++;
        }
        // A class of two or more rows belongs on both sides, whatever the rounding said.
        for (int c = 0; c < classes.Length; c++)
        {
            if (classes[c].Count >= 2)
                quotas[c] = Math.Clamp(quotas[c], 1, classes[c].Count - 1);
        }

        var chosen = new List<int>(total);
        for (int c = 0; c < classes.Length; c++)
        {
            var rows = classes[c].ToArray();
            random.Shuffle(rows.AsSpan());
            chosen.AddRange(rows.Take(quotas[c]));
        }
        return chosen.ToArray();
    }

    private static TrainingData Take(TrainingData data, int[] rows)
    {
        int f = data.FeatureCount, t = data.TargetWidth;
        var features = new float[rows.Length * f];
        var targets = new float[rows.Length * t];
        float[]? weights = data.Weights is null ? null : new float[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            data.FeaturesOf(rows[i]).CopyTo(features.AsSpan(i * f, f));
            data.TargetsOf(rows[i]).CopyTo(targets.AsSpan(i * t, t));
            if (weights is not null)
                weights[i] = data.Weights![rows[i]];
        }
        return new TrainingData(features, f, targets, t, weights);
    }
}
