using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;
using MLExtensions.Transforms;

namespace MLExtensions.Tests.MLNet;

/// <summary>README's "Using it" example runs as written: the lines between the markers below are the README's code block.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void TheUsingItExampleRunsAsWritten()
    {
        var rows = Datasets.ThreeClusters(300, seed: 11);

        // README:begin
        var mlContext = new MLContext(seed: 1);      // our trainers follow its seed and write to mlContext.Log
        IDataView data = mlContext.Data.LoadFromEnumerable(rows);   // rows: objects with float[] Features, string Label

        // A stratified split: exact per-class counts, a view over the data (no copy).
        var split = mlContext.Data.StratifiedTrainTestSplit(data, testFraction: 0.2, labelColumnName: "Label", seed: 1);

        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("LabelKey", "Label")
            .Append(mlContext.Transforms.Standardize("Features"))
            .Append(mlContext.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey",
                HiddenLayerSizes = new[] { 300, 100 },
                LearningRate = 1e-3f,                // Adam by default
                NumberOfEpochs = 50,                 // early stopping on a stratified 10% hold-out by default
            }))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var model = pipeline.Fit(split.TrainSet);
        var scored = model.Transform(split.TestSet);
        MulticlassClassificationMetrics metrics = mlContext.MulticlassClassification.Evaluate(scored, labelColumnName: "LabelKey");
        var report = mlContext.MulticlassClassification.EvaluateDetailed(scored, labelColumnName: "LabelKey");
        Console.WriteLine(report);                   // ML.NET's metrics, per-class table, confusion matrix

        // Folds stratified on the input's "Label"; each fold's output evaluated on the pipeline's "LabelKey".
        var cv = mlContext.MulticlassClassification.StratifiedCrossValidate(data, pipeline, numberOfFolds: 5,
            labelColumnName: "LabelKey", stratificationColumnName: "Label");
        Console.WriteLine(cv);                       // mean and deviation of every metric, per fold

        string path = Path.Combine(Path.GetTempPath(), "mlp-model.zip");
        mlContext.Model.SavePipeline(model, data.Schema, path);   // ML.NET's transformers and ours, one file
        var loaded = mlContext.Model.LoadPipeline(path, out var inputSchema);
        // README:end

        try
        {
            Assert.True(metrics.MicroAccuracy > 0.95, $"accuracy {metrics.MicroAccuracy}");
            Assert.Equal(metrics.MicroAccuracy, report.Metrics.MicroAccuracy);
            Assert.Equal(5, cv.Folds.Count);
            Assert.True(cv["MicroAccuracy"].Mean > 0.95, cv.ToString());
            Assert.Equal(TextDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
            Assert.Equal(Trained.Scores(mlContext, model, split.TestSet), Trained.Scores(mlContext, loaded, split.TestSet));
            Assert.Equal(data.Schema.Count, inputSchema.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheReadmeShowsExactlyTheCodeThisTestRuns()
    {
        string root = RepositoryRoot();
        var test = File.ReadAllLines(Path.Combine(root, "tests", "MLExtensions.Tests", "MLNet", "ReadmeExampleTests.cs"));
        int begin = Array.FindIndex(test, l => l.Trim() == "// README:begin"), end = Array.FindIndex(test, l => l.Trim() == "// README:end");
        int indent = test[begin].IndexOf('/');
        var expected = test[(begin + 1)..end].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()).ToArray();

        var readme = File.ReadAllLines(Path.Combine(root, "README.md"));
        int first = Array.IndexOf(readme, expected[0]);
        Assert.True(first >= 0, $"README.md does not contain the example's first line: {expected[0]}");
        Assert.Equal(expected, readme[first..(first + expected.Length)]);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "MLExtensions.sln")))
                return directory.FullName;
        throw new DirectoryNotFoundException($"No MLExtensions.sln above {AppContext.BaseDirectory}.");
    }
}
