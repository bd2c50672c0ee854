namespace MLExtensions.Plots;

/// <summary>
/// The ROC and precision-recall curves of one ranking (one class against the rest), with their areas: the area under
/// the ROC curve by the trapezoid rule, and average precision as scikit-learn's <c>average_precision_score</c>
/// (Σ (Rₙ − Rₙ₋₁)·Pₙ, no interpolation). Each distinct score is one threshold, so tied rows enter together.
/// </summary>
public sealed class RankingCurve
{
    private RankingCurve(string name, IReadOnlyList<RocPoint> roc, IReadOnlyList<PrecisionRecallPoint> precisionRecall,
        double areaUnderRocCurve, double averagePrecision, long positives, long negatives)
    {
        Name = name;
        Roc = roc;
        PrecisionRecall = precisionRecall;
        AreaUnderRocCurve = areaUnderRocCurve;
        AveragePrecision = averagePrecision;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>The positive class's name, as shown in legends.</summary>
    public string Name { get; }

    /// <summary>The ROC curve, one point per distinct score from the highest down: from (0, 0) at threshold +∞ to
    /// (1, 1); empty when either class has no row.</summary>
    public IReadOnlyList<RocPoint> Roc { get; }

    /// <summary>The precision-recall curve, one point per distinct score from the highest down, starting at (recall 0,
    /// precision 1); empty when either class has no row.</summary>
    public IReadOnlyList<PrecisionRecallPoint> PrecisionRecall { get; }

    /// <summary>The area under <see cref="Roc"/>, in [0, 1] (0.5 is chance); NaN when either class has no row.</summary>
    public double AreaUnderRocCurve { get; }

    /// <summary>The area under the step function of <see cref="PrecisionRecall"/> (see the class summary), in [0, 1];
    /// NaN when either class has no row.</summary>
    public double AveragePrecision { get; }

    /// <summary>The rows of the positive class that were ranked (rows with a NaN score are not counted).</summary>
    public long Positives { get; }

    /// <summary>The rows of the other classes that were ranked (rows with a NaN score are not counted).</summary>
    public long Negatives { get; }

    /// <summary>True when both classes occur, so the curves exist.</summary>
    public bool IsDefined => Roc.Count > 0;

    /// <summary>The curves of a ranking: each row's class (true = positive) and score (higher = more positive).
    /// Rows with a NaN score are left out, as ML.NET's evaluators leave them out.</summary>
    /// <param name="name">The positive class's name, for legends.</param>
    /// <param name="rows">The rows, in any order; read once.</param>
    /// <returns>The curves and their areas; undefined (empty curves, NaN areas) when no positive or no negative row is left.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    public static RankingCurve FromScores(string name, IEnumerable<(bool Positive, float Score)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sorted = rows.Where(r => !float.IsNaN(r.Score)).OrderByDescending(r => r.Score).ToArray();
        long positives = sorted.LongCount(r => r.Positive), negatives = sorted.Length - positives;
        if (positives == 0 || negatives == 0)
            return Undefined(name, positives, negatives);

        var roc = new List<RocPoint> { new(0, 0, double.PositiveInfinity) };
        var pr = new List<PrecisionRecallPoint> { new(0, 1, double.PositiveInfinity) };
        long tp = 0, fp = 0;
        for (int i = 0; i < sorted.Length;)
        {
            float score = sorted[i].Score;
            for (; i < sorted.Length && sorted[i].Score == score; i++)
            {
                if (sorted[i].Positive)
                    tp++;
                else
                    fp++;
            }
            roc.Add(new RocPoint((double)fp / negatives, (double)tp / positives, score));
            pr.Add(new PrecisionRecallPoint((double)tp / positives, (double)tp / (tp + fp), score));
        }
        return new RankingCurve(name, roc, pr, Trapezoid(roc), StepArea(pr), positives, negatives);
    }

    /// <summary>The curves of a binary report: its ROC curve, with precision recovered from the class counts
    /// (tp = TPR·P, fp = FPR·N), and ML.NET's area under the ROC curve and the report's average precision.</summary>
    /// <param name="report">What <c>BinaryClassification.EvaluateDetailed</c> returned.</param>
    /// <param name="name">The positive class's name, for legends. Default "positive".</param>
    /// <returns>The curves and their areas; undefined when the report has no ROC curve (one class absent).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public static RankingCurve FromReport(BinaryClassificationReport report, string name = "positive")
    {
        ArgumentNullException.ThrowIfNull(report);
        long positives = report.PositiveCount, negatives = report.NegativeCount;
        if (report.RocCurve.Count == 0)
            return Undefined(name, positives, negatives);
        var pr = new List<PrecisionRecallPoint> { new(0, 1, double.PositiveInfinity) };
        foreach (var point in report.RocCurve.Skip(1))
        {
            double tp = Math.Round(point.TruePositiveRate * positives), fp = Math.Round(point.FalsePositiveRate * negatives);
            pr.Add(new PrecisionRecallPoint(point.TruePositiveRate, tp + fp > 0 ? tp / (tp + fp) : 1, point.Threshold));
        }
        return new RankingCurve(name, report.RocCurve, pr, report.Metrics.AreaUnderRocCurve, report.AveragePrecision, positives, negatives);
    }

    private static RankingCurve Undefined(string name, long positives, long negatives) =>
        new(name, Array.Empty<RocPoint>(), Array.Empty<PrecisionRecallPoint>(), double.NaN, double.NaN, positives, negatives);

    private static double Trapezoid(IReadOnlyList<RocPoint> roc)
    {
        double area = 0;
        for (int i = 1; i < roc.Count; i++)
            area += (roc[i].FalsePositiveRate - roc[i - 1].FalsePositiveRate) * (roc[i].TruePositiveRate + roc[i - 1].TruePositiveRate) / 2;
        return area;
    }

    private static double StepArea(IReadOnlyList<PrecisionRecallPoint> pr)
    {
        double area = 0;
        for (int i = 1; i < pr.Count; i++)
            area += (pr[i].Recall - pr[i - 1].Recall) * pr[i].Precision;
        return area;
    }

    /// <summary>Why the curve is undefined, for a legend: the class the ranked rows lack.</summary>
    internal string Absence => Positives == 0 ? "no positive row" : "no negative row";
}
