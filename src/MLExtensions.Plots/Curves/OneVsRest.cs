using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Plots;

/// <summary>
/// One ranking curve per class from multiclass scored data, class c against the rest: rows whose label is c are
/// positive and the score is slot c of the Score vector. The columns are read as ML.NET's multiclass evaluator reads
/// them: a key label (key k is class k − 1, key 0 is missing) or a Single label holding the 0-based class index, and a
/// known-size Single vector Score.
/// </summary>
public static class OneVsRest
{
    public static IReadOnlyList<RankingCurve> Curves(IDataView scored, string labelColumnName = "Label", string scoreColumnName = "Score")
    {
        ArgumentNullException.ThrowIfNull(scored);
        var (names, rows) = ScoredRows.ReadMulticlass(scored, labelColumnName, scoreColumnName);
        return names.Select((name, c) => RankingCurve.FromScores(name, rows.Select(r => (r.Label == c, r.Scores[c])))).ToArray();
    }
}
