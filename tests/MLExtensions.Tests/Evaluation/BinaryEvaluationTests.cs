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
        public bool PredictedLabel { get; set; }
    }

    private sealed class ScoreOnlyRow
    {
        public float Label { get; set; }
        public float Score { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private sealed class KeyRow
    {
        [KeyType(2)]
        public uint Label { get; set; }
        public float Score { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private static Row Scored(bool label, float score, float probability) =>
        new() { Label = label, Score = score, Probability = probability, PredictedLabel = score > 0 };

    // Scores tie at 0.5 between a positive and a negative row.
    private static readonly Row[] Six =
    {
        Scored(true, 2.0f, 0.9f),
        Scored(true, 0.5f, 0.7f),
        Scored(false, 0.5f, 0.7f),
        Scored(true, -0.5f, 0.4f),
        Scored(false, -1.0f, 0.2f),
        Scored(false, -2.0f, 0.1f),
    };

    [Fact]
    public void SixRowsWithTiesGiveTheHandComputedMetricsThroughMLNetsEvaluator()
    {
        var report = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(Six));

        // At Score > 0: rows 1, 2 are TP, row 3 FP, row 4 FN, rows 5, 6 TN.
        var m = report.ConfusionMatrix;
        Assert.Equal(new long[] { 2, 1, 1, 2 }, new[] { m[0, 0], m[0, 1], m[1, 0], m[1, 1] });
        Assert.Equal(4.0 / 6, report.Metrics.Accuracy, 12);
        Assert.Equal(2.0 / 3, report.Metrics.PositivePrecision, 12);
        Assert.Equal(2.0 / 3, report.Metrics.NegativeRecall, 12);
        // Pairs won by each positive over the 3 negatives, a tie counting 1/2: 3 + 2.5 + 2.
        Assert.Equal((3 + 2.5 + 2) / 9, report.Metrics.AreaUnderRocCurve, 12);
        // scikit-learn's average precision: recall steps of 1/3 at precisions 1, 2/3, 3/4.
        Assert.Equal(1.0 / 3 * 1 + 1.0 / 3 * (2.0 / 3) + 1.0 / 3 * (3.0 / 4), report.AveragePrecision, 12);
        // ML.NET's binary log-loss is in bits.
        double logLoss = -(Math.Log2(0.9f) + Math.Log2(0.7f) + Math.Log2(1 - (double)0.7f) + Math.Log2(0.4f)
                           + Math.Log2(1 - (double)0.2f) + Math.Log2(1 - (double)0.1f)) / 6;
        Assert.Equal(logLoss, report.CalibratedMetrics!.LogLoss, 6);
    }

    [Fact]
    public void EveryMetricMLNetComputesIsMLNetsOwn()
    {
        var data = _ml.Data.LoadFromEnumerable(Six);
        var report = _ml.BinaryClassification.EvaluateDetailed(data);
        var expected = _ml.BinaryClassification.Evaluate(data);

        var calibrated = Assert.IsType<CalibratedBinaryClassificationMetrics>(report.Metrics);
        foreach (var property in typeof(CalibratedBinaryClassificationMetrics).GetProperties().Where(p => p.PropertyType == typeof(double)))
        {
            Assert.Equal((double)property.GetValue(expected)!, (double)property.GetValue(calibrated)!);
            Assert.Equal((double)property.GetValue(expected)!, report.MetricValues[property.Name]);
        }
    }

    [Fact]
    public void TheDecisionIsScoreAboveZeroEvenWhenAPlattProbabilityDisagrees()
    {
        // A Platt calibrator can put Probability above 0.5 while Score is negative; ML.NET decides by Score, and so do we.
        var rows = new[] { Scored(true, -0.2f, 0.6f), Scored(false, -0.1f, 0.55f), Scored(true, 1f, 0.9f), Scored(false, -3f, 0.1f) };
        var report = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(3.0 / 4, report.Metrics.Accuracy, 12);
        Assert.Equal(1, report.ConfusionMatrix[1, 0]); // the positive at Score −0.2 is a false negative
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
    public void TheAreaUnderOurRocCurveEqualsMLNetsAuc()
    {
        var random = new Random(3);
        // Scores rounded to tenths so that many tie across classes.
        var rows = Enumerable.Range(0, 400).Select(_ =>
        {
            bool label = random.NextDouble() < 0.4;
            float score = MathF.Round((float)(random.NextDouble() * 2 - 1 + (label ? 0.5 : 0)), 1);
            return Scored(label, score, 1 / (1 + MathF.Exp(-score)));
        }).ToArray();
        var report = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows));

        double area = 0;
        for (int i = 1; i < report.RocCurve.Count; i++)
        {
            var (a, b) = (report.RocCurve[i - 1], report.RocCurve[i]);
            area += (b.FalsePositiveRate - a.FalsePositiveRate) * (a.TruePositiveRate + b.TruePositiveRate) / 2;
        }
        Assert.Equal(report.Metrics.AreaUnderRocCurve, area, 9);
        Assert.Equal(rows.Length, report.RowCount);
    }

    [Fact]
    public void RowsMLNetSkipsAreLeftOutOfTheCurveToo()
    {
        var rows = new[]
        {
            new ScoreOnlyRow { Label = 1, Score = 0.1f, PredictedLabel = true },
            new ScoreOnlyRow { Label = 0, Score = 0f },
            new ScoreOnlyRow { Label = 0, Score = 3f, PredictedLabel = true },
            new ScoreOnlyRow { Label = float.NaN, Score = 3f, PredictedLabel = true },
            new ScoreOnlyRow { Label = 1, Score = float.NaN },
        };
        var report = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows));

        Assert.Equal(3, report.RowCount);
        Assert.Equal(1, report.PositiveCount);
        // Ranked 3 (negative), 0.1 (positive), 0 (negative): the positive is found at precision 1/2.
        Assert.Equal(0.5, report.AveragePrecision, 12);
        Assert.Equal(4, report.RocCurve.Count);
    }

    [Fact]
    public void WithoutAProbabilityColumnTheReportHasNoCalibratedMetrics()
    {
        var rows = new[]
        {
            new ScoreOnlyRow { Label = 1, Score = 0.1f, PredictedLabel = true },
            new ScoreOnlyRow { Label = 0, Score = 0f },
        };
        var report = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows));

        Assert.Null(report.CalibratedMetrics);
        Assert.False(report.MetricValues.ContainsKey("LogLoss"));
        Assert.Equal(1.0, report.Metrics.Accuracy); // score 0 is not > 0
    }

    [Fact]
    public void KeyLabelsWithTwoValuesMapKeyTwoToPositive()
    {
        // [KeyType(2)] values are 0-based: false is stored as key 1, true as key 2.
        var rows = Six.Select(r => new KeyRow { Label = r.Label ? 1u : 0u, Score = r.Score, PredictedLabel = r.PredictedLabel });
        var report = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows));

        Assert.Equal((3 + 2.5 + 2) / 9, report.Metrics.AreaUnderRocCurve, 12);
        Assert.Equal(3, report.PositiveCount);
        Assert.Equal(1.0 / 3 * 1 + 1.0 / 3 * (2.0 / 3) + 1.0 / 3 * (3.0 / 4), report.AveragePrecision, 12);
    }

    [Fact]
    public void MissingAndMistypedColumnsAreNamedByMLNet()
    {
        var data = _ml.Data.LoadFromEnumerable(Six);
        var missing = Assert.ThrowsAny<ArgumentException>(() => _ml.BinaryClassification.EvaluateDetailed(data, labelColumnName: "Truth"));
        Assert.Contains("Truth", missing.Message);
        var mistyped = Assert.ThrowsAny<ArgumentException>(() => _ml.BinaryClassification.EvaluateDetailed(data, scoreColumnName: "Label"));
        Assert.Contains("Label", mistyped.Message);
    }

    [Fact]
    public void ToStringShowsTheMetricsAndTheConfusionMatrix()
    {
        string text = _ml.BinaryClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(Six)).ToString();
        Assert.Contains("Accuracy", text);
        Assert.Contains("AreaUnderRocCurve", text);
        Assert.Contains("0.8333", text);
        Assert.Contains("LogLoss", text);
        Assert.Contains("AveragePrecision", text);
        Assert.Contains("Confusion matrix", text);
        Assert.Contains("positive", text);
    }

    [Fact]
    public void RankingCurvesRefuseANaNScoreNamingItsRow()
    {
        var rows = new (bool, float)[] { (true, 2f), (false, float.NaN), (false, -1f) };

        var error = Assert.Throws<ArgumentException>(() => BinaryClassificationEvaluation.RankingCurves(rows));

        Assert.Equal("rows", error.ParamName);
        Assert.Contains("Row 1", error.Message);
    }
}
