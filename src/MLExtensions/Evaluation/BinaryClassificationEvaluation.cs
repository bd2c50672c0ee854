using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// <c>mlContext.BinaryClassification.EvaluateDetailed(scored)</c>: ML.NET's binary metrics plus specificity, the
/// confusion matrix at any threshold, the ROC curve and average precision, computed from the scored data's
/// columns alone, so it works on the output of any binary classifier, ML.NET's or ours.
/// </summary>
public static class BinaryClassificationEvaluation
{
    /// <param name="data">Scored data: a label (Boolean, Single/Double with &gt; 0 positive, or a 2-valued key), a Single
    /// Score, and optionally a Single Probability.</param>
    /// <param name="predictedLabelColumnName">Only checked to be Boolean when present: as ML.NET does, the decisions are
    /// recomputed from Probability (or Score) so that any <paramref name="threshold"/> can be evaluated.</param>
    /// <param name="threshold">Rows with Probability &gt; threshold are predicted positive. Without a Probability column the
    /// rule is Score &gt; 0, as ML.NET's, and only the default threshold is accepted.</param>
    public static BinaryClassificationReport EvaluateDetailed(this BinaryClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score", string probabilityColumnName = "Probability",
        string predictedLabelColumnName = "PredictedLabel", double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        if (!(threshold >= 0 && threshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), $"The threshold must be a probability in [0, 1]; it is {threshold}.");

        var schema = data.Schema;
        var (labelColumn, labelReader) = ScoredColumns.Label(schema, labelColumnName, "binary classification", allowBoolean: true, requiredKeyCount: 2);
        var scoreColumn = ScoredColumns.RequireSingle(schema, scoreColumnName, "score");
        var probabilityColumn = ScoredColumns.Optional(schema, probabilityColumnName);
        if (probabilityColumn is not null)
            probabilityColumn = ScoredColumns.RequireSingle(schema, probabilityColumnName, "probability");
        else if (threshold != 0.5)
            throw new ArgumentOutOfRangeException(nameof(threshold),
                $"A threshold of {threshold} needs the probability column '{probabilityColumnName}', which the data does not have; " +
                "without it the decision is Score > 0.");
        if (ScoredColumns.Optional(schema, predictedLabelColumnName) is { } predicted && predicted.Type != Microsoft.ML.Data.BooleanDataViewType.Instance)
            throw new ArgumentOutOfRangeException(nameof(predictedLabelColumnName),
                $"The predicted label column '{predictedLabelColumnName}' must be Boolean; it holds {predicted.Type}.");

        var rows = new List<(bool Positive, float Score, float Probability)>();
        long skipped = 0;
        var needed = new List<DataViewSchema.Column> { labelColumn, scoreColumn };
        if (probabilityColumn is { } p)
            needed.Add(p);
        using (var cursor = data.GetRowCursor(needed))
        {
            var label = labelReader(cursor);
            var scoreGetter = cursor.GetGetter<float>(scoreColumn);
            var probabilityGetter = probabilityColumn is { } pc ? cursor.GetGetter<float>(pc) : null;
            while (cursor.MoveNext())
            {
                float y = label();
                float score = 0;
                scoreGetter(ref score);
                if (float.IsNaN(y) || !float.IsFinite(score))
                {
                    skipped++;
                    continue;
                }
                float probability = float.NaN;
                probabilityGetter?.Invoke(ref probability);
                rows.Add((y > 0, score, probability));
            }
        }
        return Compute(rows, probabilityColumn is not null, threshold, skipped);
    }

    internal static BinaryClassificationReport Compute(IReadOnlyList<(bool Positive, float Score, float Probability)> rows,
        bool useProbability, double threshold, long skipped)
    {
        var counts = new long[2, 2];
        double logLossSum = 0;
        long logLossPositives = 0, logLossNegatives = 0;
        foreach (var (positive, score, probability) in rows)
        {
            bool predictedPositive = useProbability ? probability > threshold : score > 0;
            counts[positive ? 1 : 0, predictedPositive ? 1 : 0]++;
            if (!useProbability)
                continue;
            // ML.NET's binary log-loss is in bits and unclipped; NaN probabilities make the whole log-loss NaN, as there.
            logLossSum += positive ? -Math.Log2(probability) : -Math.Log2(1.0 - probability);
            if (!float.IsNaN(probability))
            {
                if (positive)
                    logLossPositives++;
                else
                    logLossNegatives++;
            }
        }

        long tp = counts[1, 1], fn = counts[1, 0], fp = counts[0, 1], tn = counts[0, 0];
        long total = tp + fn + fp + tn;
        double precision = Ratio(tp, tp + fp);
        double recall = Ratio(tp, tp + fn);
        double logLoss = double.NaN, reduction = double.NaN;
        if (useProbability)
        {
            long counted = logLossPositives + logLossNegatives;
            logLoss = double.IsNaN(logLossSum) ? double.NaN : counted > 0 ? logLossSum / counted : 0;
            double prior = counted > 0 ? BinaryEntropy((double)logLossPositives / counted) : 0;
            reduction = counted == 0 ? 0 : (prior - logLoss) / prior;
        }

        var (roc, auc, averagePrecision) = Curves(rows, tp + fn, fp + tn);
        return new BinaryClassificationReport
        {
            RowCount = total,
            SkippedRowCount = skipped,
            PositiveCount = tp + fn,
            NegativeCount = fp + tn,
            Threshold = useProbability ? threshold : 0,
            UsedProbability = useProbability,
            Accuracy = total > 0 ? (double)(tp + tn) / total : double.NaN,
            Precision = precision,
            Recall = recall,
            Specificity = Ratio(tn, tn + fp),
            NegativePrecision = Ratio(tn, tn + fn),
            F1Score = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            AreaUnderRocCurve = auc,
            AveragePrecision = averagePrecision,
            LogLoss = logLoss,
            LogLossReduction = reduction,
            Entropy = total > 0 ? BinaryEntropy((double)(tp + fn) / total) : double.NaN,
            ConfusionMatrix = new ConfusionMatrix(new[] { "negative", "positive" }, counts),
            RocCurve = roc,
        };
    }

    private static double Ratio(long numerator, long denominator) => denominator > 0 ? (double)numerator / denominator : 0;

    /// <summary>Entropy in bits of a Bernoulli(p) label, 0 at p = 0 or 1, as ML.NET's MathUtils.Entropy.</summary>
    private static double BinaryEntropy(double p) =>
        p <= 0 || p >= 1 ? 0 : -p * Math.Log2(p) - (1 - p) * Math.Log2(1 - p);

    // One pass down the scores from the highest: each distinct score is one threshold, so tied rows enter the curve
    // together; that is what makes ties count one half in the AUC and one step in the average precision.
    private static (IReadOnlyList<RocPoint> Roc, double Auc, double AveragePrecision) Curves(
        IReadOnlyList<(bool Positive, float Score, float Probability)> rows, long positives, long negatives)
    {
        if (positives == 0 || negatives == 0)
            return (Array.Empty<RocPoint>(), double.NaN, positives == 0 ? double.NaN : 1.0);
        var sorted = rows.Select(r => (r.Positive, r.Score)).OrderByDescending(r => r.Score).ToArray();
        var roc = new List<RocPoint> { new(0, 0, double.PositiveInfinity) };
        double auc = 0, averagePrecision = 0;
        long tp = 0, fp = 0;
        int i = 0;
        while (i < sorted.Length)
        {
            float score = sorted[i].Score;
            for (; i < sorted.Length && sorted[i].Score == score; i++)
            {
                if (sorted[i].Positive)
                    tp++;
                else
                    fp++;
            }
            var previous = roc[^1];
            var point = new RocPoint((double)fp / negatives, (double)tp / positives, score);
            auc += (point.FalsePositiveRate - previous.FalsePositiveRate) * (point.TruePositiveRate + previous.TruePositiveRate) / 2;
            averagePrecision += (point.TruePositiveRate - previous.TruePositiveRate) * ((double)tp / (tp + fp));
            roc.Add(point);
        }
        return (roc, auc, averagePrecision);
    }
}
