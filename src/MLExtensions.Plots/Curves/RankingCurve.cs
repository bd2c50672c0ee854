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
        var ranked = rows.Where(r => !float.IsNaN(r.Score)).ToArray();
        long positives = ranked.LongCount(r => r.Positive), negatives = ranked.Length - positives;
        var (roc, averagePrecision) = BinaryClassificationEvaluation.RankingCurves(ranked);
        return FromRoc(name, roc, Trapezoid(roc), averagePrecision, positives, negatives);
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
        return FromRoc(name, report.RocCurve, report.Metrics.AreaUnderRocCurve, report.AveragePrecision, report.PositiveCount, report.NegativeCount);
    }

    /// <summary>The curves from a ROC curve, with precision recovered from the class counts (tp = TPR·P, fp = FPR·N).</summary>
    private static RankingCurve FromRoc(string name, IReadOnlyList<RocPoint> roc, double areaUnderRocCurve, double averagePrecision,
        long positives, long negatives)
    {
        if (roc.Count == 0)
            return Undefined(name, positives, negatives);
        var pr = new List<PrecisionRecallPoint> { new(0, 1, double.PositiveInfinity) };
        foreach (var point in roc.Skip(1))
        {
            double tp = Math.Round(point.TruePositiveRate * positives), fp = Math.Round(point.FalsePositiveRate * negatives);
            pr.Add(new PrecisionRecallPoint(point.TruePositiveRate, tp + fp > 0 ? tp / (tp + fp) : 1, point.Threshold));
        }
        return new RankingCurve(name, roc, pr, areaUnderRocCurve, averagePrecision, positives, negatives);
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

    /// <summary>Why the curve is undefined, for a legend: the class the ranked rows lack.</summary>
    internal string Absence => Positives == 0 ? "no positive row" : "no negative row";
}
