using Microsoft.ML;
using MLExtensions.Splits;

namespace MLExtensions;

/// <summary>
/// Stratified and plain splits for <c>mlContext.Data</c>. Every part is a view over the input that passes
/// through the rows chosen for it (no data is copied; the label is read once, when splitting), and the parts
/// of one split are disjoint and together hold every row.
/// <para>
/// Stratification: each class of a bool, key, text or integer label, or each of <c>numberOfBins</c>
/// equal-frequency bins of a float or double label (one bin per value when it has no more distinct values than
/// bins), keeps its proportion in every part, by the rule the trainers' <c>ValidationFraction</c> also follows (the
/// engine's <c>StratifiedAllocation</c>), so a test fraction of 0.1 and a validation fraction of 0.1 hold out as many
/// rows of every class: each part's total is its fraction of the rows rounded by largest remainder (at least one row
/// each); each class's count in the held-out parts is within one row of its exact share, rounded by largest remainder
/// across classes; and every class keeps at least one training row, so a single-row class trains. 70/25/5 rows with
/// testFraction 0.2 give 14/5/1 test rows.
/// </para>
/// <para>
/// Randomness: rows are shuffled within each class by a generator seeded with <c>seed</c>; a null seed means 0,
/// so a split is reproducible unless a seed says otherwise (independently of the MLContext's seed).
/// </para>
/// </summary>
public static class StratifiedSplitCatalog
{
    private const int Train = 0, Validation = 1, Test = 2;

    /// <summary>Splits <paramref name="data"/> into training and test parts keeping the label's class proportions in both.</summary>
    /// <param name="catalog">The data operations catalog of an <c>MLContext</c> (<c>mlContext.Data</c>).</param>
    /// <param name="data">The data to split.</param>
    /// <param name="testFraction">The share of rows in the test part, strictly between 0 and 1. Default 0.2.</param>
    /// <param name="labelColumnName">The column whose classes (or quantile bins) each part keeps in proportion. Default "Label".</param>
    /// <param name="seed">Seed of the shuffling within each class; null means 0.</param>
    /// <param name="numberOfBins">Equal-frequency bins a float or double label is cut into; at least 1, default 10.</param>
    /// <returns>The two parts, as views over <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not strictly between 0 and 1, <paramref name="numberOfBins"/> is below 1, or the label column is
    /// missing or of a type that cannot be stratified on.</exception>
    /// <exception cref="ArgumentException">The data has fewer than 2 rows.</exception>
    /// <exception cref="InvalidOperationException">A float or double label is NaN (the message names the row).</exception>
    public static TrainTestSplit StratifiedTrainTestSplit(this DataOperationsCatalog catalog, IDataView data, double testFraction = 0.2,
        string labelColumnName = "Label", int? seed = null, int numberOfBins = 10)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        CheckFraction(testFraction, nameof(testFraction));
        CheckBins(numberOfBins);
        var strata = LabelStrata.Read(data, labelColumnName, numberOfBins);
        CheckRows(strata.Length, 2, "a train/test split");
        // Parts: 0 train, 1 test.
        var partOfRow = RowAssignment.ByFractions(strata, new[] { 1 - testFraction, testFraction }, new[] { 0, 1 }, seed ?? 0);
        return new TrainTestSplit(Part(data, partOfRow, 2, 0), Part(data, partOfRow, 2, 1));
    }

    /// <summary>
    /// Splits <paramref name="data"/> into training, validation and test parts (by default 60/20/20) keeping the
    /// label's class proportions in each. Equal remainders and scarce rows go to training first, then test, then validation.
    /// </summary>
    /// <param name="catalog">The data operations catalog of an <c>MLContext</c> (<c>mlContext.Data</c>).</param>
    /// <param name="data">The data to split.</param>
    /// <param name="validationFraction">The share of rows in the validation part, strictly between 0 and 1. Default 0.2.</param>
    /// <param name="testFraction">The share of rows in the test part, strictly between 0 and 1, with
    /// <paramref name="validationFraction"/> + <paramref name="testFraction"/> &lt; 1. Default 0.2.</param>
    /// <param name="labelColumnName">The column whose classes (or quantile bins) each part keeps in proportion. Default "Label".</param>
    /// <param name="seed">Seed of the shuffling within each class; null means 0.</param>
    /// <param name="numberOfBins">Equal-frequency bins a float or double label is cut into; at least 1, default 10.</param>
    /// <returns>The three parts, as views over <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is not strictly between 0 and 1 or the two add up to 1 or more, <paramref name="numberOfBins"/> is below 1, or the label column is
    /// missing or of a type that cannot be stratified on.</exception>
    /// <exception cref="ArgumentException">The data has fewer than 3 rows.</exception>
    /// <exception cref="InvalidOperationException">A float or double label is NaN (the message names the row).</exception>
    public static TrainValidationTestSplit StratifiedTrainValidationTestSplit(this DataOperationsCatalog catalog, IDataView data,
        double validationFraction = 0.2, double testFraction = 0.2, string labelColumnName = "Label", int? seed = null, int numberOfBins = 10)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        CheckFraction(validationFraction, nameof(validationFraction));
        CheckFraction(testFraction, nameof(testFraction));
        if (!(validationFraction + testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction),
                $"validationFraction ({validationFraction}) and testFraction ({testFraction}) add up to {validationFraction + testFraction}; they must leave rows for training (sum < 1).");
        CheckBins(numberOfBins);
        var strata = LabelStrata.Read(data, labelColumnName, numberOfBins);
        CheckRows(strata.Length, 3, "a train/validation/test split");
        var fractions = new[] { 1 - validationFraction - testFraction, validationFraction, testFraction };
        var partOfRow = RowAssignment.ByFractions(strata, fractions, new[] { Train, Test, Validation }, seed ?? 0);
        return new TrainValidationTestSplit(Part(data, partOfRow, 3, Train), Part(data, partOfRow, 3, Validation), Part(data, partOfRow, 3, Test));
    }

    /// <summary>
    /// Stratified k-fold: each class's rows are dealt evenly over the folds (fold counts of a class differ by at
    /// most one). Fold <c>i</c> tests on its own rows and trains on all the others.
    /// </summary>
    /// <param name="catalog">The data operations catalog of an <c>MLContext</c> (<c>mlContext.Data</c>).</param>
    /// <param name="data">The data to split.</param>
    /// <param name="numberOfFolds">The number of folds; at least 2 and at most the number of rows. Default 5.</param>
    /// <param name="labelColumnName">The column whose classes (or quantile bins) each part keeps in proportion. Default "Label".</param>
    /// <param name="seed">Seed of the shuffling within each class; null means 0.</param>
    /// <param name="numberOfBins">Equal-frequency bins a float or double label is cut into; at least 1, default 10.</param>
    /// <returns>One train/test pair per fold, as views over <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> is below 2, <paramref name="numberOfBins"/> is below 1, or the label column is
    /// missing or of a type that cannot be stratified on.</exception>
    /// <exception cref="ArgumentException">The data has fewer than <paramref name="numberOfFolds"/> rows.</exception>
    /// <exception cref="InvalidOperationException">A float or double label is NaN (the message names the row).</exception>
    public static IReadOnlyList<TrainTestSplit> StratifiedKFold(this DataOperationsCatalog catalog, IDataView data, int numberOfFolds = 5,
        string labelColumnName = "Label", int? seed = null, int numberOfBins = 10)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Folds.Stratified(data, numberOfFolds, labelColumnName, seed, numberOfBins);
    }

    /// <summary>Plain k-fold on shuffled rows: fold sizes differ by at most one.</summary>
    /// <param name="catalog">The data operations catalog of an <c>MLContext</c> (<c>mlContext.Data</c>).</param>
    /// <param name="data">The data to split.</param>
    /// <param name="numberOfFolds">The number of folds; at least 2 and at most the number of rows. Default 5.</param>
    /// <param name="seed">Seed of the shuffling; null means 0.</param>
    /// <returns>One train/test pair per fold, as views over <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfFolds"/> is below 2.</exception>
    /// <exception cref="ArgumentException">The data has fewer rows than <paramref name="numberOfFolds"/>.</exception>
    public static IReadOnlyList<TrainTestSplit> KFold(this DataOperationsCatalog catalog, IDataView data, int numberOfFolds = 5, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Folds.Plain(data, numberOfFolds, seed);
    }

    private static IDataView Part(IDataView data, int[] partOfRow, int parts, int part)
    {
        var included = new bool[parts];
        included[part] = true;
        return new RowSubsetDataView(data, partOfRow, included);
    }

    private static void CheckFraction(double fraction, string name)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(name, fraction, $"{name} must be strictly between 0 and 1.");
    }

    internal static void CheckBins(int numberOfBins)
    {
        if (numberOfBins < 1)
            throw new ArgumentOutOfRangeException(nameof(numberOfBins), numberOfBins, "A float label needs at least one quantile bin.");
    }

    internal static void CheckRows(int rows, int parts, string what)
    {
        if (rows < parts)
            throw new ArgumentException($"The data has {rows} row{(rows == 1 ? "" : "s")}; {what} needs at least {parts}.", "data");
    }
}
