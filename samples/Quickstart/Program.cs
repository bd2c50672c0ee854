// Quickstart: an MLP in an ordinary ML.NET pipeline. Two interleaved spirals, which no linear model can
// separate, are generated in code, split with a stratified split, and learned by the multiclass MLP trainer;
// the sample prints every epoch as it happens and the training and held-out accuracy.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions;
using MLExtensions.Engine.Training;
using MLExtensions.Trainers;
using MLExtensions.Engine.Activations;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int pointsPerArm = args.Length > 0 && int.TryParse(args[0], out var n) && n > 10 ? n : 400;

var mlContext = new MLContext(seed: 1);
var data = mlContext.Data.LoadFromEnumerable(Spirals.Generate(pointsPerArm, seed: 7));
var split = mlContext.Data.StratifiedTrainTestSplit(data, testFraction: 0.2, labelColumnName: nameof(SpiralPoint.Label), seed: 1);

Console.WriteLine($"Two spirals: {pointsPerArm * 2} points, {CountRows(split.TrainSet)} for training, {CountRows(split.TestSet)} held out.");
Console.WriteLine();
Console.WriteLine("epoch   train loss  train acc   valid loss  valid acc   learning rate   seconds");

var options = new MlpMulticlassTrainer.Options
{
    LabelColumnName = "LabelKey",
    HiddenLayerSizes = new[] { 64, 64 },
    Activation = ActivationKind.Tanh,
    LearningRate = 0.01f,
    BatchSize = 32,
    L2Regularization = 0,
    NumberOfEpochs = 300,
    EarlyStoppingPatience = 30,
    Seed = 1,
    Progress = new ConsoleProgress(),
};
// The label goes to a key column of its own, so the original text stays beside the prediction.
var pipeline = mlContext.Transforms.Conversion.MapValueToKey("LabelKey", nameof(SpiralPoint.Label))
    .Append(mlContext.MulticlassClassification.Trainers.Mlp(options))
    .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

var model = pipeline.Fit(split.TrainSet);
var mlp = model.OfType<MlpMulticlassTransformer>().Single();

Console.WriteLine();
Console.WriteLine($"Stopped: {mlp.Model.History.StopMessage} Weights of epoch {mlp.Model.History.BestEpoch + 1} kept.");
Console.WriteLine();
Console.WriteLine(mlp.Model.Summary);
Console.WriteLine($"training accuracy: {Accuracy(model.Transform(split.TrainSet)):P2}");
Console.WriteLine($"held-out accuracy: {Accuracy(model.Transform(split.TestSet)):P2}");

double Accuracy(IDataView scored)
{
    var rows = mlContext.Data.CreateEnumerable<SpiralPrediction>(scored, reuseRowObject: false).ToList();
    return rows.Count(r => r.Label == r.PredictedLabel) / (double)rows.Count;
}

long CountRows(IDataView view)
{
    long count = 0;
    using var cursor = view.GetRowCursor(Array.Empty<DataViewSchema.Column>());
    while (cursor.MoveNext())
        count++;
    return count;
}

internal sealed class SpiralPoint
{
    [VectorType(2)]
    public float[] Features { get; set; } = Array.Empty<float>();

    public string Label { get; set; } = "";
}

internal sealed class SpiralPrediction
{
    public string Label { get; set; } = "";

    public string PredictedLabel { get; set; } = "";
}

internal static class Spirals
{
    /// <summary>Two arms of 1.5 turns, radius up to 5, with a little noise; labelled "arm A" and "arm B".</summary>
    public static IEnumerable<SpiralPoint> Generate(int pointsPerArm, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < pointsPerArm; i++)
        {
            double t = 0.5 + 3.0 * Math.PI * i / pointsPerArm;
            for (int arm = 0; arm < 2; arm++)
            {
                double sign = arm == 0 ? 1 : -1;
                yield return new SpiralPoint
                {
                    Features = new[]
                    {
                        (float)(sign * t * Math.Cos(t) / 2 + 0.05 * (random.NextDouble() - 0.5)),
                        (float)(sign * t * Math.Sin(t) / 2 + 0.05 * (random.NextDouble() - 0.5)),
                    },
                    Label = arm == 0 ? "arm A" : "arm B",
                };
            }
        }
    }
}

/// <summary>Prints each epoch as the trainer reports it (on the training thread, so lines come in order).</summary>
internal sealed class ConsoleProgress : IProgress<EpochReport>
{
    public void Report(EpochReport e)
    {
        if (e.Epoch < 10 || e.Epoch % 10 == 9)
            Console.WriteLine($"{e.Epoch + 1,5}   {e.TrainingLoss,10:F4}  {e.TrainingMetric,9:P1}   {e.ValidationLoss,10:F4}  {e.ValidationMetric,9:P1}   {e.LearningRate,13:G4}   {e.Duration.TotalSeconds,7:F3}");
    }
}
