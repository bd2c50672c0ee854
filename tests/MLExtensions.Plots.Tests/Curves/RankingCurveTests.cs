using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Plots.Tests.Support;

namespace MLExtensions.Plots.Tests.Curves;

public class RankingCurveTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void CurveOfEightRowsIsTheHandComputedOne()
    {
        var curve = RankingCurve.FromScores("positive", Scored.EightBinaryRows.Select(r => (r.Label, r.Score)));
        // Down the scores: + + − + − + − −, with 4 positives and 4 negatives.
        Assert.Equal(new[] { 0, 0, 0, 0.25, 0.25, 0.5, 0.5, 0.75, 1 }, curve.Roc.Select(p => p.FalsePositiveRate));
        Assert.Equal(new[] { 0, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1, 1 }, curve.Roc.Select(p => p.TruePositiveRate));
        Assert.Equal(0.8125, curve.AreaUnderRocCurve, 12);
        // AP = 0.25·(1 + 1 + 3/4 + 4/6).
        Assert.Equal(0.25 * (1 + 1 + 0.75 + 4.0 / 6), curve.AveragePrecision, 12);
        Assert.Equal(new PrecisionRecallPoint(0, 1, double.PositiveInfinity), curve.PrecisionRecall[0]);
    }

    [Fact]
    public void BinaryReportCurveMatchesTheScoreCurveAndMLNetsArea()
    {
        var report = _ml.BinaryClassification.EvaluateDetailed(Scored.Binary(_ml, Scored.EightBinaryRows));
        var fromReport = RankingCurve.FromReport(report);
        var fromScores = RankingCurve.FromScores("positive", Scored.EightBinaryRows.Select(r => (r.Label, r.Score)));
        Assert.Equal(report.Metrics.AreaUnderRocCurve, fromScores.AreaUnderRocCurve, 6);
        Assert.Equal(fromScores.AveragePrecision, fromReport.AveragePrecision, 12);
        Assert.Equal(fromScores.PrecisionRecall.Select(p => (p.Recall, Math.Round(p.Precision, 12))), fromReport.PrecisionRecall.Select(p => (p.Recall, Math.Round(p.Precision, 12))));
    }

    [Fact]
    public void TiedScoresEnterTogether()
    {
        var curve = RankingCurve.FromScores("x", new[] { (true, 1f), (false, 1f), (true, 0f), (false, 0f) });
        Assert.Equal(3, curve.Roc.Count);
        Assert.Equal(0.5, curve.AreaUnderRocCurve, 12);
    }

    [Fact]
    public void RowsWithANaNScoreAreLeftOut()
    {
        var curve = RankingCurve.FromScores("x", new[] { (true, 1f), (false, float.NaN), (true, float.NaN), (false, 0f) });
        Assert.Equal((1L, 1L), (curve.Positives, curve.Negatives));
        Assert.Equal(1, curve.AreaUnderRocCurve, 12);
    }

    [Fact]
    public void OneClassAbsentLeavesTheCurveUndefined()
    {
        var curve = RankingCurve.FromScores("x", new[] { (true, 1f), (true, 0.5f) });
        Assert.False(curve.IsDefined);
        Assert.True(double.IsNaN(curve.AreaUnderRocCurve));
        Assert.Equal((2L, 0L), (curve.Positives, curve.Negatives));
    }

    private sealed class BinaryView
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public bool PredictedLabel { get; set; }
    }

    [Fact]
    public void OneVsRestAreaOfEachClassIsMLNetsBinaryAreaOnThatClassAgainstTheRest()
    {
        var curves = OneVsRest.Curves(Scored.Multiclass(_ml, Scored.TenRows));
        Assert.Equal(3, curves.Count);
        for (int c = 0; c < 3; c++)
        {
            var binary = _ml.Data.LoadFromEnumerable(Scored.TenRows.Select(r => new BinaryView
            {
                Label = r.Label == c,
                Score = r.Scores[c],
                PredictedLabel = r.Scores[c] > 0.5f,
            }));
            var mlnet = _ml.BinaryClassification.EvaluateNonCalibrated(binary);
            var ours = _ml.BinaryClassification.EvaluateDetailed(binary);
            Assert.Equal(mlnet.AreaUnderRocCurve, curves[c].AreaUnderRocCurve, 6);
            Assert.Equal(ours.AveragePrecision, curves[c].AveragePrecision, 12);
        }
    }

    [Fact]
    public void OneVsRestNamesClassesFromTheLabelKeyValues()
    {
        var data = _ml.Data.LoadFromEnumerable(Scored.TenRows.Select(r => new NamedRow { Animal = new[] { "cat", "dog", "eel" }[r.Label], Score = r.Scores }));
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label", "Animal").Fit(data).Transform(data);
        var curves = OneVsRest.Curves(keyed);
        Assert.Equal(new[] { "cat", "dog", "eel" }, curves.Select(c => c.Name));
    }

    [Fact]
    public void OneVsRestReadsAByteKeyLabelAsTheSameClasses()
    {
        // [KeyType(3)] on a byte: LoadFromEnumerable stores class c as key c + 1, in a one-byte key column.
        var data = _ml.Data.LoadFromEnumerable(Scored.TenRows.Select(r => new ByteKeyRow { Label = (byte)r.Label, Score = r.Scores }));
        Assert.Equal(typeof(byte), data.Schema["Label"].Type.RawType);

        var fromBytes = OneVsRest.Curves(data);
        var fromUInt32 = OneVsRest.Curves(Scored.Multiclass(_ml, Scored.TenRows));
        Assert.Equal(fromUInt32.Select(c => (c.Positives, c.Negatives, c.AreaUnderRocCurve)), fromBytes.Select(c => (c.Positives, c.Negatives, c.AreaUnderRocCurve)));
    }

    private sealed class ByteKeyRow
    {
        [KeyType(3)]
        public byte Label { get; set; }

        [VectorType(3)]
        public float[] Score { get; set; } = Array.Empty<float>();
    }

    private sealed class NamedRow
    {
        public string Animal { get; set; } = "";

        [VectorType(3)]
        public float[] Score { get; set; } = Array.Empty<float>();
    }

    [Fact]
    public void WrongColumnsAreNamedInTheError()
    {
        var data = Scored.Multiclass(_ml, Scored.TenRows);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => OneVsRest.Curves(data, labelColumnName: "Target"));
        Assert.Equal("labelColumnName", missing.ParamName);
        Assert.StartsWith("The label column 'Target' was not found. The data has: 'Label' (", missing.Message);
        var notVector = Assert.Throws<ArgumentException>(() => OneVsRest.Curves(data, scoreColumnName: "Label"));
        Assert.Contains("known-size vector", notVector.Message);
    }
}
