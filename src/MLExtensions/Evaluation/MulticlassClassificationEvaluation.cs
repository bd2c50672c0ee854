using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;

namespace MLExtensions;

/// <summary>
/// <c>mlContext.MulticlassClassification.EvaluateDetailed(scored)</c>: ML.NET's multiclass metrics plus a per-class
/// precision/recall/specificity/F1 table with macro and weighted averages and a named confusion matrix, computed from
/// the scored data's Label and Score columns alone.
/// </summary>
public static class MulticlassClassificationEvaluation
{
    // ML.NET's clip for the true class's probability, so one confident mistake costs ~34.5 nats rather than infinity.
    internal const double LogLossEpsilon = 1e-15;

    /// <param name="data">Scored data: a label (key, or Single/Double holding the 0-based class index) and a Score known-size
    /// vector of Single with one probability per class (slot i = key i + 1).</param>
    /// <param name="predictedLabelColumnName">Only checked to be a key when present: the prediction is the Score argmax, as in ML.NET.</param>
    /// <param name="topK">Also report the fraction of rows whose label is among the k highest scores (0: not requested).</param>
    public static MulticlassClassificationReport EvaluateDetailed(this MulticlassClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score", string predictedLabelColumnName = "PredictedLabel", int topK = 0)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        if (topK < 0)
            throw new ArgumentOutOfRangeException(nameof(topK), $"topK must be 0 (not requested) or positive; it is {topK}.");

        var schema = data.Schema;
        var (labelColumn, labelReader) = ScoredColumns.Label(schema, labelColumnName, "multiclass", allowBoolean: false, requiredKeyCount: null);
        var scoreColumn = ColumnLookup.Require(schema, scoreColumnName, "score");
        if (scoreColumn.Type is not VectorDataViewType { IsKnownSize: true } vector || vector.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(scoreColumnName),
                $"The multiclass score column '{scoreColumnName}' must be a known-size vector of Single (one probability per class); it holds {scoreColumn.Type}.");
        if (ScoredColumns.Optional(schema, predictedLabelColumnName) is { } predicted && predicted.Type is not KeyDataViewType)
            throw new ArgumentOutOfRangeException(nameof(predictedLabelColumnName),
                $"The predicted label column '{predictedLabelColumnName}' must be a key type; it holds {predicted.Type}.");

        int classes = vector.Size;
        if (topK > classes)
            throw new ArgumentOutOfRangeException(nameof(topK), $"topK is {topK} but the scores have only {classes} classes.");
        var names = ClassNames(scoreColumn, labelColumn, classes);

        var accumulator = new Accumulator(classes);
        using (var cursor = data.GetRowCursor(new[] { labelColumn, scoreColumn }))
        {
            var label = labelReader(cursor);
            var scoreGetter = cursor.GetGetter<VBuffer<float>>(scoreColumn);
            var scores = default(VBuffer<float>);
            var dense = new float[classes];
            while (cursor.MoveNext())
            {
                float y = label();
                if (float.IsNaN(y) || y < 0 || y != MathF.Floor(y))
                {
                    accumulator.Skipped++;
                    continue;
                }
                scoreGetter(ref scores);
                if (scores.Length != classes)
                    throw new InvalidOperationException(
                        $"Row {cursor.Position} of '{scoreColumnName}' has {scores.Length} scores; the column type says {classes}.");
                scores.CopyTo(dense);
                if (!dense.All(float.IsFinite))
                {
                    accumulator.Skipped++;
                    continue;
                }
                accumulator.Add(y >= classes ? classes : (int)y, dense);
            }
        }
        return accumulator.Finish(names, topK);
    }

    private static string[] ClassNames(DataViewSchema.Column score, DataViewSchema.Column label, int classes)
    {
        var names = ScoredColumns.TextAnnotation(score, "SlotNames");
        if (names is null || names.Length != classes || names.Any(string.IsNullOrEmpty))
            names = ScoredColumns.TextAnnotation(label, "KeyValues");
        if (names is null || names.Length != classes)
            names = Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return names;
    }

    /// <summary>Per-row counting; <c>label == classes</c> marks a class the scores do not cover.</summary>
    internal sealed class Accumulator
    {
        private readonly int _classes;
        private readonly long[,] _confusion;
        private readonly long[] _support;
        private readonly double[] _classLogLoss;
        private readonly long[] _rankCounts;
        private double _logLoss;
        private long _rows;
        private long _unknown;

        public Accumulator(int classes)
        {
            _classes = classes;
            _confusion = new long[classes, classes];
            _support = new long[classes];
            _classLogLoss = new double[classes];
            _rankCounts = new long[classes + 1];
        }

        public long Skipped { get; set; }

        public void Add(int label, ReadOnlySpan<float> scores)
        {
            _rows++;
            bool known = label < _classes;
            float correct = known ? scores[label] : 0f;
            double loss = -Math.Log(known ? Math.Clamp(correct, LogLossEpsilon, 1.0) : LogLossEpsilon);
            _logLoss += loss;

            // As ML.NET: the label's rank counts the classes scoring higher, and equal-scoring classes in earlier
            // slots, so the argmax (first maximum) is right exactly when the rank is 0.
            int rank = 0, assigned = 0;
            for (int i = 0; i < scores.Length; i++)
            {
                if (scores[i] > correct || (scores[i] == correct && i < label))
                    rank++;
                if (scores[i] > scores[assigned])
                    assigned = i;
            }
            _rankCounts[known ? rank : _classes]++;
            if (!known)
            {
                _unknown++;
                return;
            }
            _support[label]++;
            _classLogLoss[label] += loss;
            _confusion[label, assigned]++;
        }

        public MulticlassClassificationReport Finish(IReadOnlyList<string> names, int topK)
        {
            var topKAccuracies = new double[_classes];
            long cumulative = 0;
            for (int k = 0; k < _classes; k++)
            {
                cumulative += _rankCounts[k];
                topKAccuracies[k] = Mean(cumulative, _rows);
            }

            var perClass = new ClassMetrics[_classes];
            long known = _support.Sum();
            for (int c = 0; c < _classes; c++)
            {
                long tp = _confusion[c, c];
                long predicted = Enumerable.Range(0, _classes).Sum(a => _confusion[a, c]);
                long fp = predicted - tp, fn = _support[c] - tp, tn = known - tp - fp - fn;
                double precision = Ratio(tp, predicted), recall = Ratio(tp, _support[c]);
                perClass[c] = new ClassMetrics(c, names[c], precision, recall, Ratio(tn, tn + fp),
                    precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
                    _support[c], _support[c] > 0 ? _classLogLoss[c] / _support[c] : 0);
            }

            var present = perClass.Where(c => c.Support > 0).ToArray();
            var labelledOrPredicted = perClass.Where(c => c.Support > 0 || Enumerable.Range(0, _classes).Any(a => _confusion[a, c.Index] > 0)).ToArray();
            double logLoss = _rows > 0 ? _logLoss / _rows : 0;
            double entropy = 0;
            foreach (long count in _support)
            {
                if (count > 0)
                    entropy -= count * Math.Log((double)count / _rows);
            }
            entropy /= _rows;

            return new MulticlassClassificationReport
            {
                RowCount = _rows,
                SkippedRowCount = Skipped,
                UnknownClassRowCount = _unknown,
                ClassNames = names,
                MicroAccuracy = _rows > 0 ? (double)_rankCounts[0] / _rows : 0,
                MacroAccuracy = present.Length > 0 ? present.Average(c => c.Recall) : 0,
                LogLoss = logLoss,
                LogLossReduction = (entropy - logLoss) / entropy,
                TopK = topK,
                TopKAccuracy = topK > 0 ? topKAccuracies[topK - 1] : double.NaN,
                TopKAccuracies = topKAccuracies,
                PerClass = perClass,
                MacroPrecision = Average(labelledOrPredicted, c => c.Precision),
                MacroRecall = Average(labelledOrPredicted, c => c.Recall),
                MacroF1Score = Average(labelledOrPredicted, c => c.F1Score),
                WeightedPrecision = Weighted(perClass, known, c => c.Precision),
                WeightedRecall = Weighted(perClass, known, c => c.Recall),
                WeightedF1Score = Weighted(perClass, known, c => c.F1Score),
                ConfusionMatrix = new ConfusionMatrix(names, _confusion),
            };
        }

        private static double Ratio(long numerator, long denominator) => denominator > 0 ? (double)numerator / denominator : 0;

        private static double Mean(long count, long rows) => rows > 0 ? (double)count / rows : 0;

        private static double Average(ClassMetrics[] classes, Func<ClassMetrics, double> metric) =>
            classes.Length > 0 ? classes.Average(metric) : 0;

        private static double Weighted(ClassMetrics[] classes, long total, Func<ClassMetrics, double> metric) =>
            total > 0 ? classes.Sum(c => c.Support * metric(c)) / total : 0;
    }
}
