using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Tests.Evaluation;

public class MulticlassEvaluationTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        [KeyType(3)]
        public uint Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = Array.Empty<float>();

        public uint PredictedLabel { get; set; }
    }

    private sealed class NamedRow
    {
        public string Animal { get; set; } = "";

        [VectorType(3)]
        public float[] Score { get; set; } = Array.Empty<float>();

        public uint PredictedLabel { get; set; }
    }

    private sealed class FloatLabelRow
    {
        public float Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = Array.Empty<float>();

        public uint PredictedLabel { get; set; }
    }

    // Classes 0 (A), 1 (B), 2 (C): [KeyType(3)] values are 0-based, stored as keys 1..3.
    private static readonly (int Label, float[] Scores)[] Seven =
    {
        (0, new[] { 0.7f, 0.2f, 0.1f }), // right
        (0, new[] { 0.3f, 0.4f, 0.3f }), // predicts B; label ranks 2nd
        (1, new[] { 0.1f, 0.8f, 0.1f }), // right
        (1, new[] { 0.5f, 0.2f, 0.3f }), // predicts A; label ranks 3rd
        (2, new[] { 0.2f, 0.2f, 0.6f }), // right
        (2, new[] { 0.0f, 0.5f, 0.5f }), // tie between B and C goes to B, the first maximum
        (0, new[] { 0.0f, 1.0f, 0.0f }), // predicts B with p(A) = 0: log-loss clipped at 1e-15
    };

    private IDataView Data() => _ml.Data.LoadFromEnumerable(Seven.Select(r => new Row { Label = (uint)r.Label, Score = r.Scores }));

    [Fact]
    public void MicroMacroAndLogLossAreMLNetsAndMatchHandComputation()
    {
        var report = _ml.MulticlassClassification.EvaluateDetailed(Data(), topKPredictionCount: 2);
        var m = report.Metrics;

        Assert.Equal(7, report.RowCount);
        Assert.Equal(3.0 / 7, m.MicroAccuracy, 12);
        Assert.Equal((1.0 / 3 + 1.0 / 2 + 1.0 / 2) / 3, m.MacroAccuracy, 12); // mean per-class recall

        double logLoss = -(Math.Log(0.7f) + Math.Log(0.3f) + Math.Log(0.8f) + Math.Log(0.2f) + Math.Log(0.6f) + Math.Log(0.5f) + Math.Log(1e-15)) / 7;
        Assert.Equal(logLoss, m.LogLoss, 8); // ML.NET sums in its own order
        double entropy = -(3.0 / 7 * Math.Log(3.0 / 7) + 2 * (2.0 / 7 * Math.Log(2.0 / 7)));
        Assert.Equal((entropy - logLoss) / entropy, m.LogLossReduction, 8);

        Assert.Equal(6.0 / 7, m.TopKAccuracy, 12); // only row 4's label ranks 3rd
        Assert.Equal(m.TopKAccuracy, report.MetricValues["TopKAccuracy"]);
    }

    [Fact]
    public void EveryMetricMLNetComputesIsMLNetsOwn()
    {
        var expected = _ml.MulticlassClassification.Evaluate(Data());
        var report = _ml.MulticlassClassification.EvaluateDetailed(Data());

        foreach (var property in typeof(MulticlassClassificationMetrics).GetProperties().Where(p => p.PropertyType == typeof(double)))
            Assert.Equal((double)property.GetValue(expected)!, (double)property.GetValue(report.Metrics)!);
        Assert.Equal(expected.PerClassLogLoss, report.PerClass.Select(c => c.LogLoss));
        Assert.Equal(expected.ConfusionMatrix.PerClassPrecision, report.PerClass.Select(c => c.Precision));
        Assert.Equal(expected.ConfusionMatrix.PerClassRecall, report.PerClass.Select(c => c.Recall));
    }

    [Fact]
    public void APredictedLabelMappedBackToTextIsAccepted()
    {
        var rows = new[]
        {
            new NamedRow { Animal = "cat", Score = new[] { 0.8f, 0.1f, 0.1f } },
            new NamedRow { Animal = "dog", Score = new[] { 0.1f, 0.8f, 0.1f } },
            new NamedRow { Animal = "emu", Score = new[] { 0.6f, 0.1f, 0.3f } },
        };
        var data = _ml.Data.LoadFromEnumerable(rows);
        // The usual end of a pipeline: PredictedLabel is a key mapped back to the label's text.
        var scored = _ml.Transforms.Conversion.MapValueToKey("Label", "Animal")
            .Append(_ml.Transforms.CopyColumns("PredictedLabel", "Label"))
            .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(data).Transform(data);
        Assert.Equal(TextDataViewType.Instance, scored.Schema["PredictedLabel"].Type);

        var report = _ml.MulticlassClassification.EvaluateDetailed(scored);
        Assert.Equal(2.0 / 3, report.Metrics.MicroAccuracy, 12); // by the Score argmax, as ML.NET
    }

    [Fact]
    public void PerClassTableAndAveragesMatchHandCounts()
    {
        var report = _ml.MulticlassClassification.EvaluateDetailed(Data());
        var m = report.ConfusionMatrix;
        // actual A: 1 right, 2 as B; actual B: 1 as A, 1 right; actual C: 1 as B, 1 right.
        Assert.Equal(new long[] { 1, 2, 0, 1, 1, 0, 0, 1, 1 },
            new[] { m[0, 0], m[0, 1], m[0, 2], m[1, 0], m[1, 1], m[1, 2], m[2, 0], m[2, 1], m[2, 2] });

        var a = report.PerClass[0];
        var b = report.PerClass[1];
        var c = report.PerClass[2];
        Assert.Equal(1.0 / 2, a.Precision, 12);
        Assert.Equal(1.0 / 3, a.Recall, 12);
        Assert.Equal(2 * (1.0 / 2) * (1.0 / 3) / (1.0 / 2 + 1.0 / 3), a.F1Score, 12);
        Assert.Equal(3.0 / 4, a.Specificity, 12); // TN 3 of the 4 non-A rows
        Assert.Equal(3, a.Support);
        Assert.Equal(1.0 / 4, b.Precision, 12);
        Assert.Equal(1.0 / 2, b.Recall, 12);
        Assert.Equal(1.0, c.Precision, 12);
        Assert.Equal(2 * 1.0 * 0.5 / 1.5, c.F1Score, 12);

        Assert.Equal((1.0 / 2 + 1.0 / 4 + 1.0) / 3, report.MacroPrecision, 12);
        Assert.Equal((1.0 / 3 + 1.0 / 2 + 1.0 / 2) / 3, report.MacroRecall, 12);
        Assert.Equal((3 * (1.0 / 2) + 2 * (1.0 / 4) + 2 * 1.0) / 7, report.WeightedPrecision, 12);
        Assert.Equal((3 * (1.0 / 3) + 2 * (1.0 / 2) + 2 * (1.0 / 2)) / 7, report.WeightedRecall, 12);
        Assert.False(report.MetricValues.ContainsKey("TopKAccuracy"));
    }

    [Fact]
    public void ClassNamesComeFromTheLabelKeyValues()
    {
        var rows = new[]
        {
            new NamedRow { Animal = "cat", Score = new[] { 0.8f, 0.1f, 0.1f } },
            new NamedRow { Animal = "dog", Score = new[] { 0.1f, 0.8f, 0.1f } },
            new NamedRow { Animal = "emu", Score = new[] { 0.1f, 0.1f, 0.8f } },
        };
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label", "Animal").Fit(_ml.Data.LoadFromEnumerable(rows)).Transform(_ml.Data.LoadFromEnumerable(rows));
        var report = _ml.MulticlassClassification.EvaluateDetailed(keyed);
        Assert.Equal(new[] { "cat", "dog", "emu" }, report.ClassNames);
        Assert.Equal(1.0, report.Metrics.MicroAccuracy);
        string text = report.ToString();
        Assert.Contains("emu", text);
        Assert.Contains("macro avg", text);
        Assert.Contains("weighted avg", text);
        Assert.Contains("MicroAccuracy", text);
        Assert.Contains("Confusion matrix", text);
    }

    [Fact]
    public void FloatLabelsAreClassIndicesAndMissingLabelsAreSkipped()
    {
        var rows = new[]
        {
            new FloatLabelRow { Label = 2, Score = new[] { 0.1f, 0.1f, 0.8f } },
            new FloatLabelRow { Label = 0, Score = new[] { 0.6f, 0.3f, 0.1f } },
            new FloatLabelRow { Label = float.NaN, Score = new[] { 0.6f, 0.3f, 0.1f } },
        };
        var report = _ml.MulticlassClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows));
        Assert.Equal(2, report.RowCount);
        Assert.Equal(1.0, report.Metrics.MicroAccuracy);
        Assert.Equal(new[] { "0", "1", "2" }, report.ClassNames);
    }

    [Fact]
    public void AScalarScoreIsRejectedByMLNetNamingTheColumn()
    {
        var rows = new[] { new FloatLabelRow { Label = 0, Score = new[] { 1f, 0f, 0f } } };
        var e = Assert.ThrowsAny<ArgumentException>(() =>
            _ml.MulticlassClassification.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows), scoreColumnName: "Label"));
        Assert.Contains("Label", e.Message);
    }
}
