using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Trainers;

/// <summary>The Quickstart's pipeline as a test: text labels → key → our trainer → text again, on two spirals.</summary>
public class SpiralsPipelineTests
{
    public sealed class Point
    {
        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();

        public string Label { get; set; } = "";
    }

    public sealed class Prediction
    {
        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();

        public string Label { get; set; } = "";

        public string PredictedLabel { get; set; } = "";

        [VectorType(2)]
        public float[] Score { get; set; } = Array.Empty<float>();
    }

    private static List<Point> Spirals(int pointsPerArm, ulong seed) =>
        TwoSpirals.Points(pointsPerArm, new RandomSource(seed))
            .Select(p => new Point { Features = new[] { p.X, p.Y }, Label = p.Arm == 0 ? "A" : "B" })
            .ToList();

    [Fact]
    public void HeldOutAccuracyOnTwoSpiralsIsAtLeast97PercentAndScoresEqualTheEnginesForwardPass()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(Spirals(200, seed: 3));
        var split = mlContext.Data.StratifiedTrainTestSplit(data, testFraction: 0.25, seed: 2);
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("LabelKey", "Label")
            .Append(mlContext.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey",
                HiddenLayerSizes = new[] { 64, 64 },
                Activation = ActivationKind.Tanh,
                LearningRate = 0.01f,
                BatchSize = 32,
                L2Regularization = 0, // noise-free: nothing to regularize against, and a penalty would flatten the spirals
                NumberOfEpochs = 200,
                EarlyStoppingPatience = 20,
                Seed = 1,
            }))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(split.TrainSet);

        var predictions = mlContext.Data.CreateEnumerable<Prediction>(model.Transform(split.TestSet), reuseRowObject: false).ToList();
        double accuracy = predictions.Count(p => p.Label == p.PredictedLabel) / (double)predictions.Count;
        Assert.True(accuracy >= 0.97, $"held-out accuracy {accuracy}");

        // Every score equals the engine's own forward pass followed by the loss's softmax, bit for bit.
        var mlp = model.OfType<MlpMulticlassTransformer>().Single();
        var network = mlp.Model.Network;
        var workspace = new NetworkWorkspace(network, 1);
        var probabilities = new float[2];
        foreach (var p in predictions)
        {
            var raw = network.Forward(workspace, LayerContext.Inference(), p.Features, 1);
            mlp.Model.Loss.OutputTransform(raw, probabilities, 1, 2);
            Assert.Equal(probabilities, p.Score);
        }

        using var engine = mlContext.Model.CreatePredictionEngine<Point, Prediction>(model);
        foreach (var p in predictions.Take(50))
        {
            var single = engine.Predict(new Point { Features = p.Features, Label = p.Label });
            Assert.Equal(p.Score, single.Score);
            Assert.Equal(p.PredictedLabel, single.PredictedLabel);
        }
    }
}
