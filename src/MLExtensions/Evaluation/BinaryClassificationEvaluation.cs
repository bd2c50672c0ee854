using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions;

/// <summary>
/// <c>mlContext.BinaryClassification.EvaluateDetailed(scored)</c>: ML.NET's own binary evaluation (every metric ML.NET
/// computes comes from ML.NET's <c>Evaluate</c>, or <c>EvaluateNonCalibrated</c> when there is no Probability column),
/// plus what ML.NET lacks: the ROC curve, average precision and a named, printable report. It works on the output
/// of any binary classifier, ML.NET's or ours.
/// </summary>
public static class BinaryClassificationEvaluation
{
    /// <summary>Evaluates the scored <paramref name="data"/> of a binary classifier with ML.NET's evaluator and adds the
    /// ranking metrics (ROC curve, average precision) ML.NET does not report.</summary>
    /// <param name="catalog">The binary classification catalog of an <c>MLContext</c>.</param>
    /// <param name="data">Scored data, as ML.NET's evaluator reads it: a label (Boolean, Single or Double with &gt; 0 positive,
    /// or a 2-valued key), a Single Score (the decision is Score &gt; 0, as in ML.NET) and a PredictedLabel column; a Single
    /// Probability column, when present, adds log-loss and the calibrated metrics.</param>
    /// <param name="labelColumnName">The label column. Default "Label".</param>
    /// <param name="scoreColumnName">The Single score column. Default "Score".</param>
    /// <param name="probabilityColumnName">Used when the data has it; null or an absent column evaluates without probabilities
    /// (with ML.NET's <c>EvaluateNonCalibrated</c>). Default "Probability".</param>
    /// <param name="predictedLabelColumnName">The Boolean predicted-label column. Default "PredictedLabel".</param>
    /// <returns>ML.NET's metrics with the ROC curve, average precision and a named confusion matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of a type ML.NET's evaluator refuses (thrown by
    /// that evaluator).</exception>
    public static BinaryClassificationReport EvaluateDetailed(this BinaryClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score", string? probabilityColumnName = "Probability",
        string predictedLabelColumnName = "PredictedLabel")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        bool calibrated = ScoredColumns.Optional(data.Schema, probabilityColumnName) is not null;
        BinaryClassificationMetrics metrics = calibrated
            ? catalog.Evaluate(data, labelColumnName, scoreColumnName, probabilityColumnName!, predictedLabelColumnName)
            : catalog.EvaluateNonCalibrated(data, labelColumnName, scoreColumnName, predictedLabelColumnName);

        // ML.NET has checked the columns; what it does not give is the ranking, so read label and score once more.
        var (labelColumn, labelReader) = ScoredColumns.BinaryLabel(data.Schema, labelColumnName);
        var scoreColumn = data.Schema[scoreColumnName];
        var rows = new List<(bool Positive, float Score)>();
        using (var cursor = data.GetRowCursor(new[] { labelColumn, scoreColumn }))
        {
            var label = labelReader(cursor);
            var scoreGetter = cursor.GetGetter<float>(scoreColumn);
            float score = 0;
            while (cursor.MoveNext())
            {
                float y = label();
                scoreGetter(ref score);
                // The rows ML.NET's evaluator skips: a missing label or a NaN score.
                if (!float.IsNaN(y) && !float.IsNaN(score))
                    rows.Add((y > 0, score));
            }
        }
        return new BinaryClassificationReport(metrics, rows);
    }

    /// <summary>
    /// The ROC curve and average precision of a ranking (each row's class, true for positive, and score, higher for more
    /// positive), in one pass down the scores from the highest: each distinct score is one threshold, so
    /// tied rows enter the curve together. Average precision is scikit-learn's <c>average_precision_score</c>,
    /// Σ (Rₙ − Rₙ₋₁)·Pₙ without interpolation. When one class is absent the curve is empty and the average precision is
    /// NaN without positives, 1 without negatives.
    /// </summary>
    /// <param name="rows">Each row's actual class and score.</param>
    /// <returns>The ROC points from (0, 0) at threshold +∞ to (1, 1), and the average precision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentException">A row's score is NaN. A NaN has no place in the ranking; callers leave such
    /// rows out first, as ML.NET's evaluator does, so that their class counts agree with the curve's.</exception>
    internal static (IReadOnlyList<RocPoint> Roc, double AveragePrecision) RankingCurves(IReadOnlyList<(bool Positive, float Score)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (int row = 0; row < rows.Count; row++)
        {
            if (float.IsNaN(rows[row].Score))
                throw new ArgumentException($"Row {row} has a NaN score; leave rows with a NaN score out before ranking.", nameof(rows));
        }
        long positives = rows.Count(r => r.Positive), negatives = rows.Count - positives;
        if (positives == 0 || negatives == 0)
            return (Array.Empty<RocPoint>(), positives == 0 ? double.NaN : 1.0);
        var sorted = rows.OrderByDescending(r => r.Score).ToArray();
        var roc = new List<RocPoint> { new(0, 0, double.PositiveInfinity) };
        double averagePrecision = 0;
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
            var point = new RocPoint((double)fp / negatives, (double)tp / positives, score);
            averagePrecision += (point.TruePositiveRate - roc[^1].TruePositiveRate) * ((double)tp / (tp + fp));
            roc.Add(point);
        }
        return (roc, averagePrecision);
    }
}
