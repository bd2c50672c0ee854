using Microsoft.ML;

namespace MLExtensions.Plots;

/// <summary>
/// One ranking curve per class from multiclass scored data, class c against the rest: rows whose label is c are
/// positive and the score is slot c of the Score vector. The columns are read as ML.NET's multiclass evaluator reads
/// them: a key label (key k is class k − 1, key 0 is missing) or a Single label holding the 0-based class index, and a
/// known-size Single vector Score.
/// </summary>
public static class OneVsRest
{
    /// <summary>Reads scored multiclass data once and ranks each class against the rest. Rows whose label is missing (key
    /// 0), out of range or not a whole number are left out of every curve; a row whose score for class c is NaN is left
    /// out of class c's curve only.</summary>
    /// <param name="scored">Multiclass output, usually the result of a fitted model's <c>Transform</c>.</param>
    /// <param name="labelColumnName">The label column: a key (of any width) or a Single class index. Default "Label".</param>
    /// <param name="scoreColumnName">The score column: a known-size vector of Single, one slot per class. Default "Score".</param>
    /// <returns>One curve per score slot, in slot order, named by the score column's SlotNames, else the label's KeyValues,
    /// else the 0-based class index; a class with no positive or no negative row gets an undefined curve.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scored"/> is null.</exception>
    /// <exception cref="ArgumentException">A column name is null or empty, a column is missing, or a column's type is not
    /// one of those above; the message names the column.</exception>
    public static IReadOnlyList<RankingCurve> Curves(IDataView scored, string labelColumnName = "Label", string scoreColumnName = "Score")
    {
        ArgumentNullException.ThrowIfNull(scored);
        var (names, rows) = ScoredRows.ReadMulticlass(scored, labelColumnName, scoreColumnName);
        return names.Select((name, c) => RankingCurve.FromScores(name, rows.Select(r => (r.Label == c, r.Scores[c])))).ToArray();
    }
}
