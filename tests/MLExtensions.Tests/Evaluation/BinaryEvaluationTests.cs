using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Tests.Evaluation;

public class BinaryEvaluationTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
    }

    private sealed class ScoreOnlyRow
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }

    private sealed class KeyRow
    {
        [KeyType(2)]
        public uint Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
    }

    // Scores tie at 0.5 between a positive and a negative row.
    private static readonly Row[] Six =
    {
        new() { Label = true, Score = 2.0f, Probability = 0.9f },
        new() { Label = true, Score = 0.5f, Probability = 0.7f },
        new() { Label = false, Score = 0.5f, Probability = 0.7f },
        new() { Label = true, Score = -0.5f, Probability = 0.4f },
        new() { Label = false, Score = -1.0f, Probability = 0.2f },
        new() { Label = false, Score = -2.0f, Probability = 0.1f },
    };

    [Fact]
    public void SixRowsWithTiesMatchHandComputedMetrics()
    {
        var report = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(Six));

        // At p > 0.5: rows 1, 2 are TP, row 3 FP, row 4 FN, rows 5, 6 TN.
        Assert.Equal(2, report.TruePositives);
        Assert.Equal(1, report.FalsePositives);
        Assert.Equal(1, report.FalseNegatives);
        Assert.Equal(2, report.TrueNegatives);
        Assert.Equal(4.0 / 6, report.Accuracy, 12);
        Assert.Equal(2.0 / 3, report.Precision, 12);
        Assert.Equal(2.0 / 3, report.Recall, 12);
        Assert.Equal(2.0 / 3, report.Specificity, 12);
        Assert.Equal(2.0 / 3, report.NegativePrecision, 12);
        Assert.Equal(2 * (2.0 / 3) * (2.0 / 3) / (2.0 / 3 + 2.0 / 3), report.F1Score, 12);

        // Pairs won by each positive over the 3 negatives, a tie counting 1/2: 3 + 2.5 + 2.
        Assert.Equal((3 + 2.5 + 2) / 9, report.AreaUnderRocCurve, 12);
        // sklearn's average precision: recall steps of 1/3 at precisions 1, 2/3, 3/4.
        Assert.Equal(1.0 / 3 * 1 + 1.0 / 3 * (2.0 / 3) + 1.0 / 3 * (3.0 / 4), report.AveragePrecision, 12);

        // ML.NET's binary log-loss is in bits.
        double logLoss = -(Math.Log2(0.9f) + Math.Log2(0.7f) + Math.Log2(1 - (double)0.7f) + Math.Log2(0.4f)
                           + Math.Log2(1 - (double)0.2f) + Math.Log2(1 - (double)0.1f)) / 6;
        Assert.Equal(logLoss, report.LogLoss, 10);
        Assert.Equal(1.0, report.Entropy, 12); // 3 positives of 6
        Assert.Equal((1.0 - logLoss) / 1.0, report.LogLossReduction, 10);
    }

    [Fact]
    public void RocCurveStepsOnceForTiedScores()
    {
        var roc = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(Six)).RocCurve;
        var expected = new (double Fpr, double Tpr, double Threshold)[]
        {
            (0, 0, double.PositiveInfinity), (0, 1.0 / 3, 2), (1.0 / 3, 2.0 / 3, 0.5), (1.0 / 3, 1, -0.5), (2.0 / 3, 1, -1), (1, 1, -2),
        };
        Assert.Equal(expected.Length, roc.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Fpr, roc[i].FalsePositiveRate, 12);
            Assert.Equal(expected[i].Tpr, roc[i].TruePositiveRate, 12);
            Assert.Equal(expected[i].Threshold, roc[i].Threshold);
        }
    }

    [Fact]
    public void ThresholdMovesTheConfusionMatrixButNotTheRankingMetrics()
    {
        var data = _ml.Data.LoadFromEnumerable(Six);
        var strict = _ml.BinaryClassification.EvaluateDetailed(data, threshold: 0.8);
        var usual = _ml.BinaryClassification.EvaluateDetailed(data);

        Assert.Equal(1, strict.TruePositives); // only p = 0.9
        Assert.Equal(0, strict.FalsePositives);
        Assert.Equal(1.0, strict.Precision, 12);
        Assert.Equal(1.0 / 3, strict.Recall, 12);
        Assert.Equal(usual.AreaUnderRocCurve, strict.AreaUnderRocCurve);
        Assert.Equal(usual.LogLoss, strict.LogLoss);
    }

    [Fact]
    public void LogLossIsUnclippedAsInMLNet()
    {
        var rows = new[]
        {
            new Row { Label = true, Score = -5, Probability = 0f },
            new Row { Label = false, Score = -5, Probability = 0f },
        };
        var report = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows));
        Assert.Equal(double.PositiveInfinity, report.LogLoss);
    }

    [Fact]
    public void WithoutProbabilityTheDecisionIsScoreAboveZeroAndLogLossIsNaN()
    {
        var rows = new[]
        {
            new ScoreOnlyRow { Label = 1, Score = 0.1f },
            new ScoreOnlyRow { Label = 0, Score = 0f },
            new ScoreOnlyRow { Label = 0, Score = 3f },
            new ScoreOnlyRow { Label = float.NaN, Score = 3f },
        };
        var report = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows));
        Assert.False(report.UsedProbability);
        Assert.Equal(3, report.RowCount);
        Assert.Equal(1, report.SkippedRowCount);
        Assert.Equal(1, report.TruePositives);
        Assert.Equal(1, report.FalsePositives); // score 0 is not > 0
        Assert.Equal(1, report.TrueNegatives);
        Assert.True(double.IsNaN(report.LogLoss));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows), threshold: 0.7));
    }

    [Fact]
    public void KeyLabelsWithTwoValuesMapKeyTwoToPositive()
    {
        var rows = Six.Select(r => new KeyRow { Label = r.Label ? 2u : 1u, Score = r.Score, Probability = r.Probability });
        var report = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows));
        Assert.Equal((3 + 2.5 + 2) / 9, report.AreaUnderRocCurve, 12);
        Assert.Equal(3, report.PositiveCount);
    }

    [Fact]
    public void MissingAndMistypedColumnsAreNamed()
    {
        var data = _ml.Data.LoadFromEnumerable(Six);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.EvaluateDetailed(data, labelColumnName: "Truth"));
        Assert.Contains("'Truth'", missing.Message);
        var mistyped = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.BinaryClassification.EvaluateDetailed(data, scoreColumnName: "Label"));
        Assert.Contains("'Label'", mistyped.Message);
        Assert.Contains("Single", mistyped.Message);
    }

    [Fact]
    public void ToStringShowsTheMetricsAndTheConfusionMatrix()
    {
        string text = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(Six)).ToString();
        Assert.Contains("Accuracy", text);
        Assert.Contains("AreaUnderRocCurve", text);
        Assert.Contains("0.8333", text);
        Assert.Contains("LogLoss", text);
        Assert.Contains("Confusion matrix", text);
        Assert.Contains("positive", text);
    }
}
