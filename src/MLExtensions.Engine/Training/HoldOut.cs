using System.Globalization;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Training;

/// <summary>
/// Splits a validation set off the training rows as two views of the same buffers: no value is copied. The rows are
/// shared by the engine's <c>StratifiedAllocation</c>, the rule the ML.NET adapter's stratified splits also follow: the
/// validation set holds the requested fraction of the rows rounded to a whole row (at least one; fewer only when
/// classes are too small to spare the rows of their shares). For classification targets, each class (numbered by first
/// appearance) keeps its proportion: its share of the validation set is within one row of its exact proportional share,
/// it never leaves the training side entirely, and the classes too small to reach the validation set are named in the
/// split's note. Otherwise all rows form one class. Deterministic for a seed.
/// </summary>
public static class HoldOut
{
    private const int Training = 0, Validation = 1;

    /// <summary>Holds out about <paramref name="fraction"/> of the rows of <paramref name="data"/> for validation.</summary>
    /// <param name="data">The training rows, at least 2.</param>
    /// <param name="fraction">The share of the rows to hold out, in (0, 1).</param>
    /// <param name="stratify">
    /// Whether to keep each class's proportion, each distinct target value being a class; meant for classification
    /// targets (see <see cref="IsClassification"/>). It takes effect only with one target value per row; otherwise all
    /// rows form one class.
    /// </param>
    /// <param name="random">Chooses the rows within each class; the same seed gives the same split.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="random"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside (0, 1) or NaN.</exception>
    /// <exception cref="ArgumentException">
    /// There are fewer than 2 rows, or stratification leaves no row to hold out because every class has a single row.
    /// </exception>
    public static HoldOutSplit Split(TrainingData data, double fraction, bool stratify, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(random);
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must be in (0, 1).");
        if (data.RowCount < 2)
            throw new ArgumentException($"A validation set cannot be held out of {data.RowCount} row.", nameof(data));

        bool byClass = stratify && data.TargetWidth == 1;
        var labels = new List<float>();
        var classOfRow = byClass ? ClassesByFirstAppearance(data, labels) : new int[data.RowCount];
        var partOfRow = StratifiedAllocation.Assign(classOfRow, [1 - fraction, fraction], [Training, Validation], random);
        var validationRows = Rows(partOfRow, Validation);
        if (validationRows.Length == 0)
            throw new ArgumentException(
                $"A stratified validation set of {fraction.ToString(CultureInfo.InvariantCulture)} of the rows cannot be held out of these " +
                $"{data.RowCount} rows: no class has a row to spare, since each keeps at least one training row. Pass a validation " +
                "set of your own, or set the validation fraction to 0.", nameof(data));
        string? note = byClass ? SmallClassesNote(labels, classOfRow, partOfRow, fraction) : null;
        return new HoldOutSplit(data.Select(Rows(partOfRow, Training)), data.Select(validationRows), note);
    }

    /// <summary>True for losses whose targets are class indices or binary labels.</summary>
    public static bool IsClassification(Loss loss) => loss is SoftmaxCrossEntropyLoss or BinaryCrossEntropyLoss;

    /// <summary>The class index of every row, classes numbered by first appearance; <paramref name="labels"/> gets their labels.</summary>
    private static int[] ClassesByFirstAppearance(TrainingData data, List<float> labels)
    {
        var index = new Dictionary<float, int>();
        var classOfRow = new int[data.RowCount];
        for (int row = 0; row < data.RowCount; row++)
        {
            float label = data.TargetsOf(row)[0];
            if (!index.TryGetValue(label, out int c))
            {
                index[label] = c = labels.Count;
                labels.Add(label);
            }
            classOfRow[row] = c;
        }
        return classOfRow;
    }

    /// <summary>The rows of a part, ascending.</summary>
    private static int[] Rows(int[] partOfRow, int part)
    {
        var rows = new List<int>();
        for (int row = 0; row < partOfRow.Length; row++)
            if (partOfRow[row] == part)
                rows.Add(row);
        return rows.ToArray();
    }

    private static string? SmallClassesNote(List<float> labels, int[] classOfRow, int[] partOfRow, double fraction)
    {
        var sizes = new int[labels.Count];
        var held = new int[labels.Count];
        for (int row = 0; row < classOfRow.Length; row++)
        {
            sizes[classOfRow[row]]++;
            if (partOfRow[row] == Validation)
                held[classOfRow[row]]++;
        }
        // Listed by label value, so the note reads the same whatever order the rows came in.
        var absent = Enumerable.Range(0, labels.Count).Where(c => held[c] == 0).OrderBy(c => labels[c]).ToArray();
        if (absent.Length == 0)
            return null;
        static string Label(float value) => value.ToString(CultureInfo.InvariantCulture);
        string examples = string.Join(", ", absent.Take(5).Select(c => $"{Label(labels[c])} ({sizes[c]} {(sizes[c] == 1 ? "row" : "rows")})"));
        return $"{absent.Length} of {labels.Count} classes are too small to be split by a validation fraction of " +
            $"{fraction.ToString("G3", CultureInfo.InvariantCulture)}: they are trained on but absent from the validation set " +
            $"(class {examples}{(absent.Length > 5 ? ", …" : "")}). Pass a validation set or raise the fraction to validate them.";
    }
}
