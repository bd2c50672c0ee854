using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Tests.MLNet;

/// <summary>ML.NET's own Evaluate and CrossValidate, run on our models exactly as on ML.NET's.</summary>
public class EvaluateAndCrossValidateTests
{
    private readonly MLContext _ml = new(seed: 1);

    public static TheoryData<string> AllTasks => Tasks.All;

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void MLNetsEvaluateReadsOurScoredOutputAndAgreesWithAHandCount(string task)
    {
        var data = Tasks.Data(_ml, task);
        var scored = Tasks.Pipeline(_ml, task).Fit(data).Transform(data);

        switch (task)
        {
            case "binary":
                var predicted = _ml.Data.CreateEnumerable<BinaryOutput>(scored, reuseRowObject: false).ToList();
                var binary = _ml.BinaryClassification.Evaluate(scored);
                Assert.Equal(predicted.Count(p => p.PredictedLabel == p.Label) / 240.0, binary.Accuracy, 12);
                Assert.True(binary.Accuracy > 0.95, $"accuracy {binary.Accuracy}");
                Assert.True(binary.LogLoss < 0.5, $"log-loss {binary.LogLoss}");
                break;
            case "multiclass":
                var scores = _ml.Data.CreateEnumerable<MulticlassOutput>(scored, reuseRowObject: false).ToList();
                var multiclass = _ml.MulticlassClassification.Evaluate(scored);
                // Score slot i is key i + 1; the label is the key MapValueToKey gave it.
                Assert.Equal(scores.Count(s => Array.IndexOf(s.Score, s.Score.Max()) + 1 == s.Label) / 240.0, multiclass.MicroAccuracy, 12);
                Assert.True(multiclass.MicroAccuracy > 0.9, $"accuracy {multiclass.MicroAccuracy}");
                break;
            default:
                var values = _ml.Data.CreateEnumerable<RegressionOutput>(scored, reuseRowObject: false).ToList();
                var regression = _ml.Regression.Evaluate(scored);
                double rmse = Math.Sqrt(values.Average(v => (v.Label - (double)v.Score) * (v.Label - (double)v.Score)));
                Assert.Equal(rmse, regression.RootMeanSquaredError, 6);
                Assert.True(regression.RSquared > 0.95, $"R² {regression.RSquared}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void MLNetsCrossValidateRunsOurTrainerOnEveryFold(string task)
    {
        var data = Tasks.Data(_ml, task);
        var pipeline = Tasks.Pipeline(_ml, task, epochs: 20);
        double[] quality = task switch
        {
            "binary" => _ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 3).Select(f => f.Metrics.Accuracy).ToArray(),
            "multiclass" => _ml.MulticlassClassification.CrossValidate(data, pipeline, numberOfFolds: 3).Select(f => f.Metrics.MicroAccuracy).ToArray(),
            _ => _ml.Regression.CrossValidate(data, pipeline, numberOfFolds: 3).Select(f => f.Metrics.RSquared).ToArray(),
        };
        Assert.Equal(3, quality.Length);
        Assert.All(quality, q => Assert.True(q > 0.85, $"fold quality {q}"));
    }

    private sealed class BinaryOutput
    {
        public bool Label { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private sealed class MulticlassOutput
    {
        public uint Label { get; set; }
        public float[] Score { get; set; } = Array.Empty<float>();
    }

    private sealed class RegressionOutput
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }
}
