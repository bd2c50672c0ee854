using System.Text;
using MLExtensions.Engine.Text;

namespace MLExtensions;

/// <summary>
/// Counts of rows by actual class (rows) and predicted class (columns), with the class names, as sklearn and
/// ML.NET lay them out: <c>Counts[actual, predicted]</c>.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    internal ConfusionMatrix(IReadOnlyList<string> classNames, long[,] counts)
    {
        ClassNames = classNames;
        _counts = counts;
    }

    /// <summary>The class names, in the order of the matrix's rows and columns.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of classes: the matrix is <see cref="ClassCount"/> × <see cref="ClassCount"/>.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Rows whose actual class is <paramref name="actual"/> and predicted class is <paramref name="predicted"/> (0-based indices).</summary>
    /// <param name="actual">The actual class, in [0, <see cref="ClassCount"/>).</param>
    /// <param name="predicted">The predicted class, in [0, <see cref="ClassCount"/>).</param>
    /// <exception cref="IndexOutOfRangeException">An index is outside [0, <see cref="ClassCount"/>).</exception>
    public long this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>Every row counted in the matrix.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (long count in _counts)
                total += count;
            return total;
        }
    }

    /// <summary>Rows whose actual class is <paramref name="actual"/> (a row's total; its support).</summary>
    /// <param name="actual">The class, in [0, <see cref="ClassCount"/>).</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="actual"/> is outside [0, <see cref="ClassCount"/>).</exception>
    public long ActualCount(int actual) => Enumerable.Range(0, ClassCount).Sum(p => _counts[actual, p]);

    /// <summary>Rows predicted as <paramref name="predicted"/> (a column's total).</summary>
    /// <param name="predicted">The class, in [0, <see cref="ClassCount"/>).</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="predicted"/> is outside [0, <see cref="ClassCount"/>).</exception>
    public long PredictedCount(int predicted) => Enumerable.Range(0, ClassCount).Sum(a => _counts[a, predicted]);

    /// <summary>The matrix as a text table with row and column totals.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        AppendTo(text);
        return text.ToString();
    }

    internal void AppendTo(StringBuilder text, string indent = "")
    {
        var headers = new[] { "actual \\ predicted" }.Concat(ClassNames).Append("total").ToArray();
        var table = new TextTable(headers);
        for (int a = 0; a < ClassCount; a++)
        {
            var cells = new List<string> { ClassNames[a] };
            for (int p = 0; p < ClassCount; p++)
                cells.Add(TextTable.Integer(_counts[a, p]));
            cells.Add(TextTable.Integer(ActualCount(a)));
            table.Add(cells.ToArray());
        }
        var totals = new List<string> { "total" };
        for (int p = 0; p < ClassCount; p++)
            totals.Add(TextTable.Integer(PredictedCount(p)));
        totals.Add(TextTable.Integer(Total));
        table.Add(totals.ToArray());
        table.AppendTo(text, indent);
    }
}
