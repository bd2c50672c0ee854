// Quickstart: the whole story of an MLP in an ordinary ML.NET pipeline, on data generated in code. Three interleaved
// spirals, which no linear model can separate, are split with a stratified split; a pipeline of ML.NET's key mapping,
// our standardization and our MLP trainer learns them with a live progress bar; ML.NET's evaluator and our detailed
// report measure it; ML.NET's own LightGBM and L-BFGS maximum-entropy trainers run on the same split for comparison;
// a binary and a regression model show the other two tasks; every plot is written to a folder; and the fitted
// pipeline is saved, reloaded and checked.
//   dotnet run --project samples/Quickstart -c Release -- [POINTS_PER_ARM] [--output DIR]
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using MLExtensions;
using MLExtensions.Engine.Activations;
using MLExtensions.Plots;
using MLExtensions.Progress;
using MLExtensions.Trainers;
using MLExtensions.Transforms;
using Quickstart;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int pointsPerArm = 300;
string output = Path.Combine("artifacts", "quickstart");
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--output" && i + 1 < args.Length)
        output = args[++i];
    else if (int.TryParse(args[i], out int n) && n > 10)
        pointsPerArm = n;
    else
        throw new ArgumentException($"unknown argument '{args[i]}' (use [POINTS_PER_ARM > 10] [--output DIR])");
}
output = Path.GetFullPath(output);
var clock = Stopwatch.StartNew();

var mlContext = new MLContext(seed: 1);
var points = Spirals.Generate(arms: 3, pointsPerArm, seed: 7).ToList();
var data = mlContext.Data.LoadFromEnumerable(points);
var split = mlContext.Data.StratifiedTrainTestSplit(data, testFraction: 0.2, labelColumnName: nameof(SpiralPoint.Label), seed: 1);
Console.WriteLine($"Three spirals: {3 * pointsPerArm} points, {Rows.Count(split.TrainSet)} for training, {Rows.Count(split.TestSet)} held out.");
Console.WriteLine();

// 1. The MLP in an ML.NET pipeline, with a live progress bar (plain lines when the output is redirected).
var options = new MlpMulticlassTrainer.Options
{
    LabelColumnName = "LabelKey",
    HiddenLayerSizes = new[] { 64, 64 },
    Activation = ActivationKind.Tanh,
    LearningRate = 0.01f,
    BatchSize = 32,
    L2Regularization = 0, // the arms curl tightly: a penalty would flatten them more than the 0.15 noise needs
    // The spirals sit on a plateau for the first few dozen epochs before the network finds them: be patient, and judge
    // by a held-out tenth rather than by the training loss, which creeps along that plateau.
    NumberOfEpochs = 300,
    EarlyStoppingPatience = 60,
    ValidationFraction = 0.1f,
    CollectDiagnostics = true,
};
var progress = new ConsoleTrainingProgress(options.NumberOfEpochs, "MLP 64-64 tanh");
options.Progress = progress;
// The label goes to a key column of its own, so the original text stays beside the prediction.
var pipeline = mlContext.Transforms.Conversion.MapValueToKey("LabelKey", nameof(SpiralPoint.Label))
    .Append(mlContext.Transforms.Standardize("Features"))
    .Append(mlContext.MulticlassClassification.Trainers.Mlp(options))
    .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
var fitClock = Stopwatch.StartNew();
var model = progress.Run(() => pipeline.Fit(split.TrainSet));
double mlpSeconds = fitClock.Elapsed.TotalSeconds;
var mlp = model.OfType<MlpMulticlassTransformer>().Single();
var history = mlp.Model.History;
Console.WriteLine($"Stopped: {history.StopMessage} Weights of epoch {history.BestEpoch + 1} kept.");
Console.WriteLine();
Console.WriteLine(mlp.Model.Summary);

// 2. Evaluation: ML.NET's evaluator, and our detailed report around ML.NET's own metrics object.
var scoredTest = model.Transform(split.TestSet);
MulticlassClassificationMetrics metrics = mlContext.MulticlassClassification.Evaluate(scoredTest, labelColumnName: "LabelKey");
var report = mlContext.MulticlassClassification.EvaluateDetailed(scoredTest, labelColumnName: "LabelKey");
Console.WriteLine($"ML.NET's evaluator: micro accuracy {metrics.MicroAccuracy:0.0000}, macro accuracy {metrics.MacroAccuracy:0.0000}, log-loss {metrics.LogLoss:0.0000}");
Console.WriteLine();
Console.WriteLine(report);
double trainingAccuracy = Accuracy(model.Transform(split.TrainSet));
double heldOutAccuracy = Accuracy(scoredTest);
Console.WriteLine($"training accuracy: {trainingAccuracy:P2}");
Console.WriteLine($"held-out accuracy: {heldOutAccuracy:P2}");
Console.WriteLine();

// 3. ML.NET's own trainers on the same split, in the same pipeline shape.
var rows = new List<ComparisonRow> { new("MLP 64-64 tanh (MLExtensions)", report.Metrics, mlpSeconds) };
// One LightGBM thread: on a small, busy machine its OpenMP threads otherwise spin against each other.
rows.Add(Baseline("LightGBM (ML.NET)", mlContext.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
{
    LabelColumnName = "LabelKey", NumberOfIterations = 100, NumberOfThreads = 1, Seed = 1,
})));
rows.Add(Baseline("L-BFGS maximum entropy (ML.NET)", mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: "LabelKey")));
Console.WriteLine("Held-out comparison on the same split:");
ComparisonRow.Print(rows);
Console.WriteLine();

// 4. Plots.
var plots = new List<string>
{
    TrainingHistoryDisplay.FromModel(mlp.Model).SavePng(Path.Combine(output, "training-history.png")),
    LayerDiagnosticsDisplay.FromHistory(history).SavePng(Path.Combine(output, "layer-diagnostics.png")),
    ConfusionMatrixDisplay.FromReport(report).SavePng(Path.Combine(output, "confusion-matrix.png")),
    ConfusionMatrixDisplay.FromReport(report, ConfusionMatrixNormalization.ByActual).SavePng(Path.Combine(output, "confusion-matrix-normalized.png")),
    RocCurveDisplay.FromMulticlassScores(scoredTest, labelColumnName: "LabelKey").SavePng(Path.Combine(output, "roc-one-vs-rest.png")),
    PrecisionRecallDisplay.FromMulticlassScores(scoredTest, labelColumnName: "LabelKey").SavePng(Path.Combine(output, "precision-recall-one-vs-rest.png")),
    DecisionRegionsDisplay.FromModel(model, split.TestSet, labelColumnName: nameof(SpiralPoint.Label)).SavePng(Path.Combine(output, "decision-regions.png")),
};
// Bias and variance from the errors just measured, against a human-level error of 0 (a person traces the arms, though the
// 0.15 noise puts a few points where no rule could) ...
var diagnosis = BiasVarianceDiagnosis.Diagnose(1 - trainingAccuracy, 1 - heldOutAccuracy, humanLevelError: 0, tolerance: 0.02);
plots.Add(BiasVarianceDisplay.FromDiagnosis(diagnosis).SavePng(Path.Combine(output, "bias-variance.png")));
// ... and a learning curve: the same network on doubling subsets of the training data. Mini-batch training of a
// small subset takes few steps per epoch and can stall on the plateau the spirals start with, so the curve trains
// each size full-batch with L-BFGS (up to 500 iterations), which does not depend on the number of rows.
var quietOptions = new MlpMulticlassTrainer.Options
{
    LabelColumnName = "LabelKey", HiddenLayerSizes = options.HiddenLayerSizes, Activation = options.Activation,
    Optimizer = MlpOptimizer.Lbfgs, NumberOfEpochs = 500, EarlyStopping = false, ValidationFraction = 0,
};
var quiet = mlContext.Transforms.Conversion.MapValueToKey("LabelKey", nameof(SpiralPoint.Label))
    .Append(mlContext.Transforms.Standardize("Features"))
    .Append(mlContext.MulticlassClassification.Trainers.Mlp(quietOptions));
var learningCurve = LearningCurve.Compute(mlContext, PredictionKind.MulticlassClassification, quiet, split.TrainSet,
    labelColumnName: "LabelKey", stratificationColumnName: nameof(SpiralPoint.Label), minimumSize: 64, seed: 1);
Console.WriteLine(learningCurve);
plots.Add(LearningCurveDisplay.FromResult(learningCurve).SavePng(Path.Combine(output, "learning-curve.png")));

// 5. Two more tasks in the same pipeline shape, briefly. Binary: is a point on arm A? ...
var armA = mlContext.Data.LoadFromEnumerable(points.Select(p => new ArmAPoint { Features = p.Features, IsArmA = p.Label == "arm A" }));
var armASplit = mlContext.Data.StratifiedTrainTestSplit(armA, testFraction: 0.2, labelColumnName: nameof(ArmAPoint.IsArmA), seed: 1);
var binary = mlContext.Transforms.Standardize("Features")
    .Append(mlContext.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
    {
        LabelColumnName = nameof(ArmAPoint.IsArmA), HiddenLayerSizes = options.HiddenLayerSizes, Activation = options.Activation,
        LearningRate = options.LearningRate, BatchSize = options.BatchSize, L2Regularization = options.L2Regularization,
        NumberOfEpochs = options.NumberOfEpochs, EarlyStoppingPatience = options.EarlyStoppingPatience, ValidationFraction = options.ValidationFraction,
    }))
    .Fit(armASplit.TrainSet);
var binaryReport = mlContext.BinaryClassification.EvaluateDetailed(binary.Transform(armASplit.TestSet), labelColumnName: nameof(ArmAPoint.IsArmA));
Console.WriteLine($"Binary, arm A against the others: held-out accuracy {binaryReport.Metrics.Accuracy:0.0000}, " +
    $"area under the ROC curve {binaryReport.Metrics.AreaUnderRocCurve:0.0000}, average precision {binaryReport.AveragePrecision:0.0000}");
plots.Add(RocCurveDisplay.FromReport(binaryReport).SavePng(Path.Combine(output, "binary-roc.png")));
plots.Add(PrecisionRecallDisplay.FromReport(binaryReport).SavePng(Path.Combine(output, "binary-precision-recall.png")));
plots.Add(ConfusionMatrixDisplay.FromReport(binaryReport).SavePng(Path.Combine(output, "binary-confusion-matrix.png")));

// ... and regression: the height of a smooth surface over the plane.
var surface = mlContext.Data.LoadFromEnumerable(Surface.Generate(800, seed: 3));
var surfaceSplit = mlContext.Data.StratifiedTrainTestSplit(surface, testFraction: 0.25, labelColumnName: "Label", seed: 1);
var regression = mlContext.Transforms.Standardize("Features")
    .Append(mlContext.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { HiddenLayerSizes = new[] { 32, 32 }, Activation = ActivationKind.Tanh, LearningRate = 0.01f, NumberOfEpochs = 200 }))
    .Fit(surfaceSplit.TrainSet);
var scoredSurface = regression.Transform(surfaceSplit.TestSet);
var regressionReport = mlContext.Regression.EvaluateDetailed(scoredSurface);
Console.WriteLine($"Regression of z = sin(x)·cos(y) + noise: held-out RMSE {regressionReport.Metrics.RootMeanSquaredError:0.0000}, R² {regressionReport.Metrics.RSquared:0.0000}");
plots.Add(PredictionErrorDisplay.FromScores(scoredSurface).SavePng(Path.Combine(output, "regression-prediction-error.png")));
Console.WriteLine();

// 6. Save the fitted pipeline, load it back, and check that it predicts exactly as before.
string modelPath = Path.Combine(output, "spirals-model.zip");
mlContext.Model.SavePipeline(model, data.Schema, modelPath);
var reloaded = mlContext.Model.LoadPipeline(modelPath, out _);
var before = mlContext.Data.CreateEnumerable<SpiralPrediction>(scoredTest, reuseRowObject: false).Select(p => p.PredictedLabel);
var after = mlContext.Data.CreateEnumerable<SpiralPrediction>(reloaded.Transform(split.TestSet), reuseRowObject: false).Select(p => p.PredictedLabel);
bool identical = before.SequenceEqual(after);
Console.WriteLine($"Saved the pipeline to {modelPath} ({new FileInfo(modelPath).Length / 1024.0:0.0} KiB) and reloaded it: " +
    (identical ? "identical predictions on the held-out set." : "PREDICTIONS DIFFER."));
Console.WriteLine();
Console.WriteLine($"Plots written to {output}:");
foreach (var plot in plots)
    Console.WriteLine($"  {Path.GetFileName(plot)}");
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.0} s.");
return identical ? 0 : 1;

ComparisonRow Baseline(string name, IEstimator<ITransformer> trainer)
{
    var baseline = mlContext.Transforms.Conversion.MapValueToKey("LabelKey", nameof(SpiralPoint.Label))
        .Append(mlContext.Transforms.Standardize("Features"))
        .Append(trainer);
    var started = Stopwatch.StartNew();
    var fitted = baseline.Fit(split.TrainSet);
    double seconds = started.Elapsed.TotalSeconds;
    return new ComparisonRow(name, mlContext.MulticlassClassification.Evaluate(fitted.Transform(split.TestSet), labelColumnName: "LabelKey"), seconds);
}

double Accuracy(IDataView scored)
{
    var predictions = mlContext.Data.CreateEnumerable<SpiralPrediction>(scored, reuseRowObject: false).ToList();
    return predictions.Count(r => r.Label == r.PredictedLabel) / (double)predictions.Count;
}
