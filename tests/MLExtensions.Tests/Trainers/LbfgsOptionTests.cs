using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Training;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Trainers;

public class LbfgsOptionTests
{
    public sealed class Row
    {
        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();

        public float Label { get; set; }
    }

    public sealed class Scored
    {
        public float Label { get; set; }

        public float Score { get; set; }
    }

    private static List<Row> Sine(int rows)
    {
        var random = new Random(4);
        return Enumerable.Range(0, rows).Select(_ =>
        {
            float a = (float)(random.NextDouble() * 4 - 2), b = (float)(random.NextDouble() * 4 - 2);
            return new Row { Features = new[] { a, b }, Label = MathF.Sin(a) + 0.5f * b * b };
        }).ToList();
    }

    [Fact]
    public void FullBatchLbfgsFitsASmallRegressionProblemAndReportsHowItStopped()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(Sine(200));
        var model = mlContext.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options
        {
            Optimizer = MlpOptimizer.Lbfgs,
            HiddenLayerSizes = new[] { 32 },
            Activation = ActivationKind.Tanh,
            L2Regularization = 0, // a noise-free target: the fit is the point
            NumberOfEpochs = 300,
            Seed = 1,
        }).Fit(data);

        var scored = mlContext.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false).ToList();
        double rmse = Math.Sqrt(scored.Average(r => (r.Score - r.Label) * (double)(r.Score - r.Label)));
        double spread = Math.Sqrt(scored.Average(r => Math.Pow(r.Label - scored.Average(s => s.Label), 2)));
        Assert.True(rmse < 0.05 * spread, $"RMSE {rmse} against a label spread of {spread}");

        var history = model.Model.History;
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.Contains("L-BFGS stopped after", history.StopMessage);
        Assert.Single(history.Epochs);
    }

    [Fact]
    public void DropoutWithLbfgsIsRefusedWhenTheTrainerIsCreated()
    {
        var mlContext = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => mlContext.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options
        {
            Optimizer = MlpOptimizer.Lbfgs,
            HiddenLayerSizes = new[] { 8 },
            DropoutRate = 0.2f,
        }));
        Assert.Equal("DropoutRate", error.ParamName);
        Assert.Contains("dropout", error.Message);
    }
}
