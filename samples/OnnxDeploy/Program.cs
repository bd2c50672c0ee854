using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLExtensions;
using MLExtensions.Engine.Activations;
using MLExtensions.Onnx;
using MLExtensions.Trainers;
using MLExtensions.Transforms;

// Trains a small binary MLP behind a standardization, then deploys it two ways: as an ONNX file scored by ONNX
// Runtime, and as an ordinary ML.NET zip reloaded by ML.NET alone. Both give the pipeline's own scores.
var mlContext = new MLContext(seed: 1);
var random = new Random(1);
var rows = Enumerable.Range(0, 400).Select(_ =>
{
    var x = new[] { (float)(random.NextDouble() * 4 - 2), (float)(random.NextDouble() * 4 - 2) };
    return new Row { Features = x, Label = x[0] * x[0] + x[1] * x[1] < 1.5f };
}).ToArray();
var data = mlContext.Data.LoadFromEnumerable(rows);

var model = mlContext.Transforms.Standardize("Features")
    .Append(mlContext.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
    {
        HiddenLayerSizes = new[] { 16, 16 },
        Activation = ActivationKind.Gelu,
        NumberOfEpochs = 40,
        BatchSize = 16,
        LearningRate = 0.01f,
        Seed = 1,
    }))
    .Fit(data);

var probe = new[] { new Row { Features = new[] { 0.1f, -0.2f } }, new Row { Features = new[] { 1.8f, 1.5f } } };
var ours = mlContext.Data.CreateEnumerable<Prediction>(model.Transform(mlContext.Data.LoadFromEnumerable(probe)), reuseRowObject: false).ToArray();

int mismatches = 0;
string directory = Path.Combine(Path.GetTempPath(), "mlextensions-onnx-deploy");
Directory.CreateDirectory(directory);

// 1. An ONNX file: Features [N, 2] in; Score, Probability, PredictedLabel [N] out.
string onnxPath = Path.Combine(directory, "model.onnx");
mlContext.Model.ExportToOnnx(model, data.Schema, onnxPath);
using (var session = new InferenceSession(onnxPath))
{
    var input = new DenseTensor<float>(probe.SelectMany(r => r.Features).ToArray(), new[] { probe.Length, 2 });
    using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("Features", input) });
    var probability = results.First(r => r.Name == "Probability").AsTensor<float>().ToArray();
    for (int i = 0; i < probe.Length; i++)
    {
        Console.WriteLine($"ONNX Runtime  row {i}: probability {probability[i]:F6} (pipeline {ours[i].Probability:F6})");
        mismatches += Agrees(probability[i], ours[i].Probability) ? 0 : 1;
    }
}

// 2. An ML.NET zip made only of ML.NET's transformers: a program with Microsoft.ML and Microsoft.ML.OnnxTransformer loads it.
string zipPath = Path.Combine(directory, "model.zip");
mlContext.Model.SaveAsMLNetModel(model, data.Schema, zipPath);
var plain = new MLContext().Model.Load(zipPath, out _);
using var engine = mlContext.Model.CreatePredictionEngine<Row, PlainPrediction>(plain);
for (int i = 0; i < probe.Length; i++)
{
    float served = engine.Predict(probe[i]).Probability[0];
    Console.WriteLine($"ML.NET zip    row {i}: probability {served:F6} (pipeline {ours[i].Probability:F6})");
    mismatches += Agrees(served, ours[i].Probability) ? 0 : 1;
}
Console.WriteLine($"Wrote {onnxPath} and {zipPath}.");
if (mismatches > 0)
{
    Console.Error.WriteLine($"{mismatches} probabilities differ from the pipeline's by more than 1e-5 (relative).");
    return 1;
}
Console.WriteLine("Both deployments give the pipeline's probabilities (within 1e-5 relative).");
return 0;

// The graph computes the same float operations in another summation order: equal to within rounding.
static bool Agrees(float a, float b) => Math.Abs(a - b) <= 1e-5f * Math.Max(1f, Math.Abs(b));

internal sealed class Row
{
    [VectorType(2)]
    public float[] Features { get; set; } = Array.Empty<float>();
    public bool Label { get; set; }
}

internal sealed class Prediction
{
    public float Probability { get; set; }
}

/// <summary>ApplyOnnxModel gives one-value columns as vectors of size 1.</summary>
internal sealed class PlainPrediction
{
    public float[] Probability { get; set; } = Array.Empty<float>();
}
