using System.Text;
using Microsoft.ML.Data;
using MLExtensions.Engine.Text;

namespace MLExtensions;

/// <summary>
/// What <c>BinaryClassification.EvaluateDetailed</c> measures: ML.NET's own metrics object (<see cref="Metrics"/>)
/// and what ML.NET does not compute: the ROC curve, average precision, a confusion matrix with named classes and a
/// printable report.
/// </summary>
public sealed class BinaryClassificationReport : IEvaluationReport
{
    internal BinaryClassificationReport(BinaryClassificationMetrics metrics, IReadOnlyList<(bool Positive, float Score)> rows)
    {
        Metrics = metrics;
        var counts = metrics.ConfusionMatrix.Counts;
        // ML.NET lists the positive class first; this report's classes are 0 = negative and 1 = positive, as sklearn's.
        ConfusionMatrix = new ConfusionMatrix(new[] { "negative", "positive" }, new[,]
        {
            { Count(counts[1][1]), Count(counts[1][0]) },
            { Count(counts[0][1]), Count(counts[0][0]) },
        });
        (RocCurve, AveragePrecision) = BinaryClassificationEvaluation.RankingCurves(rows);
    }

    private static long Count(double count) => (long)Math.Round(count);

    /// <summary>ML.NET's metrics, from its own evaluator: a <see cref="CalibratedBinaryClassificationMetrics"/> (with log-loss)
    /// when the data had a Probability column, otherwise a <see cref="BinaryClassificationMetrics"/>.</summary>
    public BinaryClassificationMetrics Metrics { get; }

    /// <summary><see cref="Metrics"/> with log-loss, log-loss reduction and entropy, or null when there was no Probability column.</summary>
    public CalibratedBinaryClassificationMetrics? CalibratedMetrics => Metrics as CalibratedBinaryClassificationMetrics;

    /// <summary>Rows evaluated (those with a label and a score), by actual class (rows: 0 negative, 1 positive) and
    /// predicted class (columns), at ML.NET's decision Score &gt; 0; the counts are ML.NET's.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }

    /// <summary>Rows evaluated: those with a label that is not missing and a score that is not NaN.</summary>
    public long RowCount => ConfusionMatrix.Total;

    /// <summary>Evaluated rows whose label is positive.</summary>
    public long PositiveCount => ConfusionMatrix.ActualCount(1);

    /// <summary>Evaluated rows whose label is negative.</summary>
    public long NegativeCount => ConfusionMatrix.ActualCount(0);

    /// <summary>
    /// Area under the precision-recall curve as scikit-learn's <c>average_precision_score</c>: Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the
    /// distinct Score thresholds from the highest down (a step function, no interpolation). ML.NET's
    /// <c>AreaUnderPrecisionRecallCurve</c> interpolates between thresholds instead, so the two differ slightly.
    /// NaN when there is no positive row, 1 when there is no negative one.
    /// </summary>
    public double AveragePrecision { get; }

    /// <summary>The ROC curve over the distinct Score values, from (0, 0) at threshold +∞ to (1, 1); empty when one class is absent.
    /// Each point's threshold predicts positive every row scoring at least that much.</summary>
    public IReadOnlyList<RocPoint> RocCurve { get; }

    /// <inheritdoc/>
    /// <remarks>Accuracy, the areas under the ROC and precision-recall curves, <see cref="AveragePrecision"/>, F1 and the
    /// positive and negative precision and recall; with a Probability column also LogLoss, LogLossReduction and
    /// Entropy.</remarks>
    public IReadOnlyDictionary<string, double> MetricValues => Table.Values(this);

    /// <summary>Every name <see cref="MetricValues"/> can hold (the calibrated ones only with a Probability column), in its order.</summary>
    internal static IEnumerable<string> MetricNames => Table.Names;

    private static readonly MetricTable<BinaryClassificationReport> Table = new(
        (nameof(BinaryClassificationMetrics.Accuracy), r => r.Metrics.Accuracy),
        (nameof(BinaryClassificationMetrics.AreaUnderRocCurve), r => r.Metrics.AreaUnderRocCurve),
        (nameof(BinaryClassificationMetrics.AreaUnderPrecisionRecallCurve), r => r.Metrics.AreaUnderPrecisionRecallCurve),
        (nameof(AveragePrecision), r => r.AveragePrecision),
        (nameof(BinaryClassificationMetrics.F1Score), r => r.Metrics.F1Score),
        (nameof(BinaryClassificationMetrics.PositivePrecision), r => r.Metrics.PositivePrecision),
        (nameof(BinaryClassificationMetrics.PositiveRecall), r => r.Metrics.PositiveRecall),
        (nameof(BinaryClassificationMetrics.NegativePrecision), r => r.Metrics.NegativePrecision),
        (nameof(BinaryClassificationMetrics.NegativeRecall), r => r.Metrics.NegativeRecall),
        (nameof(CalibratedBinaryClassificationMetrics.LogLoss), r => r.CalibratedMetrics?.LogLoss),
        (nameof(CalibratedBinaryClassificationMetrics.LogLossReduction), r => r.CalibratedMetrics?.LogLossReduction),
        (nameof(CalibratedBinaryClassificationMetrics.Entropy), r => r.CalibratedMetrics?.Entropy)
    );

    /// <summary>A printable report: row counts, every metric of <see cref="MetricValues"/> and the confusion matrix.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Binary classification: {RowCount} rows ({PositiveCount} positive, {NegativeCount} negative), decision Score > 0");
        var table = new TextTable("metric", "value");
        foreach (var (name, value) in MetricValues)
            table.Add(name, TextTable.Number(value));
        table.AppendTo(text);
        text.AppendLine();
        text.AppendLine("Confusion matrix:");
        ConfusionMatrix.AppendTo(text);
        return text.ToString();
    }
}
