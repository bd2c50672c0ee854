using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using MLExtensions;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Initializers;
using MLExtensions.Plots;
using MLExtensions.Progress;
using MLExtensions.Trainers;

namespace FashionMnist;

/// <summary>
/// The reference experiment as an ML.NET user runs it: the images in an <c>IDataView</c>, the text label mapped to a
/// key, the MLP trainer fitted with the same explicit validation set (the first 5,000 training images), live progress,
/// ML.NET's evaluator and our detailed report on the 10,000 test images, ML.NET's own L-BFGS maximum-entropy and
/// LightGBM trainers for comparison (on the first rows of the training set only, since both are slow on 55,000 × 784),
/// every plot, and the pipeline saved and reloaded.
/// </summary>
internal static class PipelineExperiment
{
    public static object Run(string config, int threads, int epochs, ulong seed, float[] trainImages, float[] trainLabels,
        float[] testImages, float[] testLabels, int baselineRows, string output)
    {
        const int validationRows = 5000;
        var mlContext = new MLContext(seed: (int)(seed % int.MaxValue));
        var validation = mlContext.Data.LoadFromEnumerable(Images(trainImages, trainLabels, 0, validationRows));
        var train = mlContext.Data.LoadFromEnumerable(Images(trainImages, trainLabels, validationRows, trainLabels.Length - validationRows));
        var test = mlContext.Data.LoadFromEnumerable(Images(testImages, testLabels, 0, testLabels.Length));
        int trainRows = trainLabels.Length - validationRows;
        bool sgd = config == "sgd";

        var options = new MlpMulticlassTrainer.Options
        {
            LabelColumnName = "LabelKey",
            HiddenLayerSizes = new[] { 300, 100 },
            Activation = ActivationKind.Relu,
            KernelInitializer = InitializerKind.GlorotUniform,
            L2Regularization = 0, // the reference experiment has no penalty
            Optimizer = sgd ? MlpOptimizer.Sgd : MlpOptimizer.Adam,
            LearningRate = sgd ? 0.01f : 1e-3f,
            BatchSize = sgd ? 32 : 128,
            NumberOfEpochs = epochs,
            EarlyStopping = false,
            RestoreBestWeights = false,
            CollectDiagnostics = true,
            NumberOfThreads = threads,
            Seed = (int)(seed % int.MaxValue),
        };
        var progress = new ConsoleTrainingProgress(epochs, $"MLP 784-300-100-10 {config}");
        options.Progress = progress;
        Console.WriteLine($"Fashion-MNIST through an ML.NET pipeline, {config}: {trainRows} training, {validationRows} validation, {testLabels.Length} test rows; " +
            $"batch {options.BatchSize}, {threads} thread(s)");

        // The key mapping is fitted first so the trainer can be given the keyed validation set, as ML.NET's own
        // iterative trainers take one (Fit(train, validation)); the three transformers then form one chain.
        var keys = mlContext.Transforms.Conversion.MapValueToKey("LabelKey", "Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(train);
        var keyedTrain = keys.Transform(train);
        var trainer = mlContext.MulticlassClassification.Trainers.Mlp(options);
        var clock = Stopwatch.StartNew();
        var mlp = progress.Run(() => trainer.Fit(keyedTrain, keys.Transform(validation)));
        double fitSeconds = clock.Elapsed.TotalSeconds;
        var toText = mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(mlp.Transform(keyedTrain));
        var model = new TransformerChain<ITransformer>(keys, mlp, toText);
        var history = mlp.Model.History;
        Console.WriteLine($"Stopped: {history.StopMessage}");
        Console.WriteLine();

        var scoredTest = model.Transform(test);
        var metrics = mlContext.MulticlassClassification.Evaluate(scoredTest, labelColumnName: "LabelKey");
        var report = mlContext.MulticlassClassification.EvaluateDetailed(scoredTest, labelColumnName: "LabelKey");
        Console.WriteLine(report);
        Console.WriteLine($"test accuracy (ML.NET's evaluator): {metrics.MicroAccuracy:0.0000}, log-loss {metrics.LogLoss:0.0000}");
        Console.WriteLine();

        var comparison = new List<(string Model, int Rows, MulticlassClassificationMetrics Metrics, double Seconds)>
        {
            ($"MLP 784-300-100-10 {config}, {epochs} epochs (MLExtensions)", trainRows, report.Metrics, fitSeconds),
        };
        int rows = Math.Min(baselineRows, trainRows);
        var subset = mlContext.Data.TakeRows(keyedTrain, rows);
        comparison.Add(Baseline(mlContext, "L-BFGS maximum entropy, 100 iterations (ML.NET)", subset, rows, scoredData: keys.Transform(test),
            mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new Microsoft.ML.Trainers.LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey", MaximumNumberOfIterations = 100, NumberOfThreads = threads,
            })));
        // LightGBM grows one tree per class and iteration over 784 features: 50 iterations on one thread (its OpenMP
        // threads spin against each other on a small shared machine) keep it to about a minute.
        comparison.Add(Baseline(mlContext, "LightGBM, 50 iterations (ML.NET)", subset, rows, scoredData: keys.Transform(test),
            mlContext.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey", NumberOfIterations = 50, NumberOfThreads = 1, Seed = 1,
            })));
        Console.WriteLine($"Test-set comparison (the ML.NET trainers see only the first {rows:N0} training rows, to keep them quick):");
        Console.WriteLine($"  {"model",-58} {"rows",7} {"accuracy",9} {"log-loss",9} {"fit s",8}");
        foreach (var (name, n, m, s) in comparison)
            Console.WriteLine($"  {name,-58} {n,7} {m.MicroAccuracy,9:0.0000} {m.LogLoss,9:0.0000} {s,8:0.0}");
        Console.WriteLine();

        Directory.CreateDirectory(output);
        var plots = new[]
        {
            TrainingHistoryDisplay.FromModel(mlp.Model).SavePng(Path.Combine(output, "training-history.png")),
            LayerDiagnosticsDisplay.FromHistory(history).SavePng(Path.Combine(output, "layer-diagnostics.png")),
            ConfusionMatrixDisplay.FromReport(report).SavePng(Path.Combine(output, "confusion-matrix.png")),
            ConfusionMatrixDisplay.FromReport(report, ConfusionMatrixNormalization.ByActual).SavePng(Path.Combine(output, "confusion-matrix-normalized.png")),
            RocCurveDisplay.FromMulticlassScores(scoredTest, labelColumnName: "LabelKey").SavePng(Path.Combine(output, "roc-one-vs-rest.png")),
            PrecisionRecallDisplay.FromMulticlassScores(scoredTest, labelColumnName: "LabelKey").SavePng(Path.Combine(output, "precision-recall-one-vs-rest.png")),
        };

        string modelPath = Path.Combine(output, "fashion-mnist-model.zip");
        mlContext.Model.SavePipeline(model, train.Schema, modelPath);
        var reloaded = mlContext.Model.LoadPipeline(modelPath, out _);
        var head = mlContext.Data.TakeRows(test, 1000);
        bool identical = Predictions(mlContext, model.Transform(head)).SequenceEqual(Predictions(mlContext, reloaded.Transform(head)));
        Console.WriteLine($"Saved the pipeline to {modelPath} ({new FileInfo(modelPath).Length / 1048576.0:0.0} MiB) and reloaded it: " +
            (identical ? "identical predictions on the first 1,000 test images." : "PREDICTIONS DIFFER."));
        Console.WriteLine($"Plots written to {output}: {string.Join(", ", plots.Select(Path.GetFileName))}");
        if (!identical)
            throw new InvalidOperationException("The reloaded pipeline predicts differently from the fitted one.");

        var seconds = history.Epochs.Select(e => e.Duration.TotalSeconds).ToArray();
        var sorted = seconds.Order().ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return new
        {
            peer = "mlextensions-pipeline", config, threads, batch = options.BatchSize, seed, test_loss = metrics.LogLoss, test_acc = metrics.MicroAccuracy,
            median_epoch_s = median, samples_per_s = trainRows / median,
            epochs = history.Epochs.Select(e => new
            {
                epoch = e.Epoch + 1, train_loss = e.TrainingLoss, train_acc = e.TrainingMetric, val_loss = e.ValidationLoss, val_acc = e.ValidationMetric,
                epoch_s = e.Duration.TotalSeconds,
            }),
            baselines = comparison.Skip(1).Select(c => new { model = c.Model, rows = c.Rows, test_acc = c.Metrics.MicroAccuracy, fit_s = c.Seconds }),
        };
    }

    private static (string, int, MulticlassClassificationMetrics, double) Baseline(MLContext mlContext, string name, IDataView train, int rows,
        IDataView scoredData, IEstimator<ITransformer> trainer)
    {
        Console.WriteLine($"fitting {name} on {rows:N0} rows ...");
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(train);
        double seconds = clock.Elapsed.TotalSeconds;
        return (name, rows, mlContext.MulticlassClassification.Evaluate(model.Transform(scoredData), labelColumnName: "LabelKey"), seconds);
    }

    private static IEnumerable<string> Predictions(MLContext mlContext, IDataView scored) =>
        mlContext.Data.CreateEnumerable<FashionPrediction>(scored, reuseRowObject: false).Select(p => p.PredictedLabel).ToArray();

    private static IEnumerable<FashionImage> Images(float[] images, float[] labels, int start, int count)
    {
        for (int i = start; i < start + count; i++)
        {
            yield return new FashionImage
            {
                Features = images.AsSpan(i * 784, 784).ToArray(),
                Label = FashionImage.ClassNames[(int)labels[i]],
            };
        }
    }
}
