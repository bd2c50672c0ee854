using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Tests.Evaluation;

public class RegressionEvaluationTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }

    [Fact]
    public void MLNetsMetricsAndOursMatchHandComputation()
    {
        var rows = new[]
        {
            new Row { Label = 1, Score = 1.5f },
            new Row { Label = 2, Score = 2 },
            new Row { Label = 3, Score = 2 },
            new Row { Label = 4, Score = 5 },
            new Row { Label = float.NaN, Score = 5 },
        };
        var report = _ml.Regression.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows));

        // Residuals label − score: −0.5, 0, 1, −1; labels' mean 2.5.
        Assert.Equal(4, report.RowCount);
        Assert.Equal((0.25 + 0 + 1 + 1) / 4, report.Metrics.MeanSquaredError, 12);
        Assert.Equal(Math.Sqrt(2.25 / 4), report.Metrics.RootMeanSquaredError, 12);
        Assert.Equal((0.5 + 0 + 1 + 1) / 4, report.Metrics.MeanAbsoluteError, 12);
        double totalSquares = 2.25 + 0.25 + 0.25 + 2.25;
        Assert.Equal(1 - 2.25 / totalSquares, report.Metrics.RSquared, 12);
        double meanResidual = (-0.5 + 0 + 1 - 1) / 4;
        double residualSquares = new[] { -0.5, 0, 1, -1 }.Sum(r => (r - meanResidual) * (r - meanResidual));
        Assert.Equal(1 - residualSquares / totalSquares, report.ExplainedVariance, 12);
        Assert.Equal(1.0, report.MaxError, 12);

        string text = report.ToString();
        Assert.Contains("RootMeanSquaredError", text);
        Assert.Contains("RSquared", text);
        Assert.Contains("0.75", text);
    }

    [Fact]
    public void EveryMetricMLNetComputesIsMLNetsOwn()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 50).Select(i => new Row { Label = i, Score = i + (float)random.NextDouble() * 4 - 2 }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var expected = _ml.Regression.Evaluate(data);
        var report = _ml.Regression.EvaluateDetailed(data);

        foreach (var property in typeof(RegressionMetrics).GetProperties().Where(p => p.PropertyType == typeof(double)))
            Assert.Equal((double)property.GetValue(expected)!, (double)property.GetValue(report.Metrics)!);
    }

    [Fact]
    public void ConstantLabelsLeaveExplainedVarianceUndefined()
    {
        var rows = new[] { new Row { Label = 2, Score = 1 }, new Row { Label = 2, Score = 3 } };
        var report = _ml.Regression.EvaluateDetailed(_ml.Data.LoadFromEnumerable(rows));
        Assert.True(double.IsNaN(report.ExplainedVariance));
        Assert.Equal(1.0, report.Metrics.MeanSquaredError, 12);
        Assert.Equal(1.0, report.MaxError, 12);
    }

    [Fact]
    public void MissingScoreColumnIsNamedByMLNet()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Row { Label = 1, Score = 1 } });
        var e = Assert.ThrowsAny<ArgumentException>(() => _ml.Regression.EvaluateDetailed(data, scoreColumnName: "Prediction"));
        Assert.Contains("Prediction", e.Message);
    }
}
