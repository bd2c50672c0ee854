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

    /// <summary>The positive class's name.</summary>
    public string Name { get; }

    /// <summary>From (0, 0) at threshold +∞ to (1, 1); empty when either class has no row.</summary>
    public IReadOnlyList<RocPoint> Roc { get; }

    /// <summary>From (recall 0, precision 1) down the thresholds; empty when either class has no row.</summary>
    public IReadOnlyList<PrecisionRecallPoint> PrecisionRecall { get; }

    /// <summary>NaN when either class has no row.</summary>
    public double AreaUnderRocCurve { get; }

    /// <summary>NaN when either class has no row.</summary>
    public double AveragePrecision { get; }

    public long Positives { get; }
    public long Negatives { get; }

    /// <summary>True when both classes occur, so the curves exist.</summary>
    public bool IsDefined => Roc.Count > 0;

    /// <summary>The curves of a ranking: each row's class (true = positive) and score (higher = more positive).
    /// Rows with a NaN score are left out, as ML.NET's evaluators leave them out.</summary>
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
