using System.Text;

namespace MLExtensions;

/// <summary>
/// Everything <c>BinaryClassification.EvaluateDetailed</c> measures. Where ML.NET's
/// <c>CalibratedBinaryClassificationMetrics</c> has the same metric the definition is ML.NET's (noted on each);
/// zero divisions give 0 as in ML.NET, and metrics undefined for the data (AUC with one class only) are NaN.
/// </summary>
public sealed class BinaryClassificationReport : IEvaluationReport
{
    internal BinaryClassificationReport() { }

    /// <summary>Rows evaluated: those with a label and a finite score.</summary>
    public long RowCount { get; internal init; }

    /// <summary>Rows left out as ML.NET leaves them out: missing (NaN or key 0) label, or a NaN/infinite score.</summary>
    public long SkippedRowCount { get; internal init; }

    public long PositiveCount { get; internal init; }
    public long NegativeCount { get; internal init; }

    /// <summary>The decision threshold: on Probability when <see cref="UsedProbability"/>, otherwise 0 on Score.</summary>
    public double Threshold { get; internal init; }

    /// <summary>Whether the decisions used Probability &gt; threshold (true) or Score &gt; 0, ML.NET's rule for uncalibrated scores.</summary>
    public bool UsedProbability { get; internal init; }

    /// <summary>(TP + TN) / rows, as ML.NET's Accuracy.</summary>
    public double Accuracy { get; internal init; }

    /// <summary>TP / (TP + FP), as ML.NET's PositivePrecision.</summary>
    public double Precision { get; internal init; }

    /// <summary>TP / (TP + FN), the true positive rate, as ML.NET's PositiveRecall.</summary>
    public double Recall { get; internal init; }

    /// <summary>TN / (TN + FP), the true negative rate, as ML.NET's NegativeRecall.</summary>
    public double Specificity { get; internal init; }

    /// <summary>TN / (TN + FN), as ML.NET's NegativePrecision.</summary>
    public double NegativePrecision { get; internal init; }

    /// <summary>2PR / (P + R), 0 when P + R = 0, as ML.NET's F1Score.</summary>
    public double F1Score { get; internal init; }

    /// <summary>
    /// Area under the ROC curve of Score, as ML.NET (which ranks by Score, not Probability): the probability that a
    /// random positive outscores a random negative, ties counting one half, which equals the trapezoid rule over
    /// the distinct thresholds (sklearn's roc_auc_score). ML.NET samples at most a reservoir of rows; this uses all.
    /// </summary>
    public double AreaUnderRocCurve { get; internal init; }

    /// <summary>
    /// Area under the precision-recall curve as sklearn's <c>average_precision_score</c>: Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the
    /// distinct Score thresholds from the highest down (a step function, no interpolation). ML.NET's
    /// AreaUnderPrecisionRecallCurve uses the "lower trapezoid" estimator instead, so the two differ slightly.
    /// </summary>
    public double AveragePrecision { get; internal init; }

    /// <summary>
    /// ML.NET's binary LogLoss: the mean of −log₂ of the probability given to the true class, in bits (base 2, unlike
    /// the multiclass log-loss), and unclipped exactly as ML.NET, so a probability of exactly 0 for the true class gives
    /// +∞. NaN without a Probability column.
    /// </summary>
    public double LogLoss { get; internal init; }

    /// <summary>ML.NET's LogLossReduction: (Entropy − LogLoss) / Entropy, the improvement over always predicting the prior.</summary>
    public double LogLossReduction { get; internal init; }

    /// <summary>ML.NET's Entropy: the log-loss in bits of always predicting the positive rate of this data.</summary>
    public double Entropy { get; internal init; }

    /// <summary>At <see cref="Threshold"/>, class 0 "negative" and class 1 "positive".</summary>
    public ConfusionMatrix ConfusionMatrix { get; internal init; } = null!;

    public long TruePositives => ConfusionMatrix[1, 1];
    public long FalsePositives => ConfusionMatrix[0, 1];
    public long TrueNegatives => ConfusionMatrix[0, 0];
    public long FalseNegatives => ConfusionMatrix[1, 0];

    /// <summary>The ROC curve over the distinct Score values, from (0, 0) at threshold +∞ to (1, 1).</summary>
    public IReadOnlyList<RocPoint> RocCurve { get; internal init; } = Array.Empty<RocPoint>();

    public IReadOnlyDictionary<string, double> Metrics => new Dictionary<string, double>
    {
        [nameof(Accuracy)] = Accuracy,
        [nameof(Precision)] = Precision,
        [nameof(Recall)] = Recall,
        [nameof(Specificity)] = Specificity,
        [nameof(NegativePrecision)] = NegativePrecision,
        [nameof(F1Score)] = F1Score,
        [nameof(AreaUnderRocCurve)] = AreaUnderRocCurve,
        [nameof(AveragePrecision)] = AveragePrecision,
        [nameof(LogLoss)] = LogLoss,
        [nameof(LogLossReduction)] = LogLossReduction,
        [nameof(Entropy)] = Entropy,
    };

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Binary classification: {RowCount} rows ({PositiveCount} positive, {NegativeCount} negative)" +
                        (SkippedRowCount > 0 ? $", {SkippedRowCount} skipped" : "") +
                        (UsedProbability ? $", threshold {TextTable.Number(Threshold, "0.###")} on Probability" : ", threshold Score > 0"));
        var table = new TextTable("metric", "value");
        foreach (var (name, value) in Metrics)
            table.Add(name, TextTable.Number(value));
        table.AppendTo(text);
        text.AppendLine();
        text.AppendLine("Confusion matrix:");
        ConfusionMatrix.AppendTo(text);
        return text.ToString();
    }
}
