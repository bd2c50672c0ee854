using Microsoft.ML;
using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Training;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Trainers;

/// <summary>Each trainer option changes the model the way its documentation says.</summary>
public class OptionsTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    private IDataView BinaryTrain => _mlContext.Data.LoadFromEnumerable(Trained.BinaryTrainRows);

    [Fact]
    public void HiddenLayerSizesShapeTheNetwork()
    {
        var options = Fast.Binary(epochs: 1);
        options.HiddenLayerSizes = new[] { 7, 5 };
        options.Activation = ActivationKind.Tanh;
        var summary = _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain).Model.Summary;

        Assert.Equal(2, summary.InputSize);
        Assert.Equal(new[] { "dense(7, tanh)", "dense(5, tanh)", "dense(1, identity)" }, summary.Rows.Select(r => r.Layer));
        Assert.Equal((2 * 7 + 7) + (7 * 5 + 5) + (5 + 1), summary.TrainableParameters);
    }

    [Fact]
    public void ExplicitLayersReplaceHiddenLayerSizes()
    {
        var options = Fast.Multiclass(epochs: 2);
        options.HiddenLayerSizes = new[] { 99 };
        options.Layers = new[] { MlpLayer.Dense(6, ActivationKind.Tanh), MlpLayer.Dropout(0.1f), MlpLayer.Dense(4, ActivationKind.Relu) };
        var summary = _mlContext.MulticlassClassification.Trainers.Mlp(options).Fit(Trained.MulticlassTest(_mlContext)).Model.Summary;

        Assert.Equal(new[] { "dense(6, tanh)", "dropout(0.1)", "dense(4, relu)", "dense(3, identity)" }, summary.Rows.Select(r => r.Layer));
        Assert.Contains("dense(6, tanh)", summary.ToString());
    }

    [Fact]
    public void TheSameSeedGivesIdenticalScoresAndAnotherSeedDifferentOnes()
    {
        var first = Train(Fast.Binary(epochs: 5, seed: 7));
        var again = Train(Fast.Binary(epochs: 5, seed: 7));
        var other = Train(Fast.Binary(epochs: 5, seed: 8));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void TheNumberOfThreadsDoesNotChangeTheModel()
    {
        var oneThread = Fast.Binary(epochs: 5, seed: 3);
        oneThread.HiddenLayerSizes = new[] { 64, 32 };
        oneThread.BatchSize = 64;
        var twoThreads = Fast.Binary(epochs: 5, seed: 3);
        twoThreads.HiddenLayerSizes = new[] { 64, 32 };
        twoThreads.BatchSize = 64;
        twoThreads.NumberOfThreads = 2;
        Assert.Equal(Train(oneThread), Train(twoThreads));
    }

    [Fact]
    public void WithoutASeedTheModelFollowsTheMLContextsSeed()
    {
        List<float[]> TrainIn(MLContext context)
        {
            var options = Fast.Binary(epochs: 3);
            options.Seed = null;
            var model = context.BinaryClassification.Trainers.Mlp(options).Fit(context.Data.LoadFromEnumerable(Trained.BinaryTrainRows));
            return Trained.Scores(context, model, Trained.BinaryTest(context));
        }

        var first = TrainIn(new MLContext(seed: 1));
        Assert.Equal(first, TrainIn(new MLContext(seed: 1)));
        Assert.NotEqual(first, TrainIn(new MLContext(seed: 2)));
    }

    [Fact]
    public void WithoutASeedEveryFitOfOneTrainerGivesTheSameModel()
    {
        var options = Fast.Binary(epochs: 3);
        options.Seed = null;
        var trainer = _mlContext.BinaryClassification.Trainers.Mlp(options);
        Assert.Equal(Trained.Scores(_mlContext, trainer.Fit(BinaryTrain), Trained.BinaryTest(_mlContext)),
            Trained.Scores(_mlContext, trainer.Fit(BinaryTrain), Trained.BinaryTest(_mlContext)));
    }

    [Fact]
    public void FitWithValidationDataReportsOnThatData()
    {
        // Validation labels are the opposite of the truth: a model that learns the blobs must score badly on them.
        var flipped = Trained.BinaryTestRows.Select(r => new BinaryRow { Features = r.Features, Label = !r.Label }).ToList();
        var options = Fast.Binary(epochs: 10);
        var model = _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain, _mlContext.Data.LoadFromEnumerable(flipped));

        var history = model.Model.History;
        Assert.Equal(10, history.Epochs.Count);
        Assert.All(history.Epochs, e => Assert.True(double.IsFinite(e.ValidationLoss)));
        Assert.True(history.Epochs[^1].TrainingMetric > 0.9, history.ToCsv());
        Assert.True(history.Epochs[^1].ValidationMetric < 0.1, history.ToCsv());
    }

    [Fact]
    public void WithoutValidationDataOrFractionThereAreNoValidationFigures()
    {
        var history = _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary(epochs: 3)).Fit(BinaryTrain).Model.History;
        Assert.All(history.Epochs, e => Assert.True(double.IsNaN(e.ValidationLoss)));
    }

    [Fact]
    public void ValidationFractionHoldsOutPartOfTheTrainingData()
    {
        var options = Fast.Binary(epochs: 3);
        options.ValidationFraction = 0.2f;
        var history = _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain).Model.History;
        Assert.All(history.Epochs, e => Assert.True(double.IsFinite(e.ValidationLoss)));
    }

    [Fact]
    public void EarlyStoppingEndsAnEasyProblemBeforeTheLastEpoch()
    {
        var options = Fast.Binary(epochs: 300);
        options.EarlyStopping = true;
        options.EarlyStoppingPatience = 2;
        options.EarlyStoppingMinDelta = 1e-2;
        options.ValidationFraction = 0.2f;
        var history = _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain).Model.History;

        Assert.Equal(StopReason.EarlyStopping, history.StopReason);
        Assert.True(history.Epochs.Count < 300, $"{history.Epochs.Count} epochs");
        Assert.InRange(history.BestEpoch, 0, history.Epochs.Count - 1);
    }

    [Fact]
    public void ProgressIsReportedOncePerEpochInOrder()
    {
        var reports = new List<EpochReport>();
        var options = Fast.Binary(epochs: 6);
        options.Progress = new SynchronousProgress(reports.Add);
        var history = _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain).Model.History;

        Assert.Equal(6, reports.Count);
        Assert.Equal(history.Epochs.Select(e => e.Epoch), reports.Select(r => r.Epoch));
        Assert.Equal(reports.Select(r => r.Epoch).OrderBy(e => e), reports.Select(r => r.Epoch));
    }

    [Fact]
    public void CancellingFromTheProgressCallbackReturnsAUsableModel()
    {
        using var cancellation = new CancellationTokenSource();
        var options = Fast.Binary(epochs: 200);
        options.CancellationToken = cancellation.Token;
        int epochs = 0;
        options.Progress = new SynchronousProgress(_ =>
        {
            if (++epochs == 3)
                cancellation.Cancel();
        });
        var model = _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain);

        Assert.Equal(StopReason.Cancelled, model.Model.History.StopReason);
        Assert.InRange(model.Model.History.Epochs.Count, 3, 4);
        Assert.All(Trained.Scores(_mlContext, model, Trained.BinaryTest(_mlContext)), s => Assert.True(float.IsFinite(s[0])));
    }

    [Fact]
    public void BinaryClassWeightsShiftPredictionsTowardTheHeavierClass()
    {
        // Overlapping blobs, so the boundary has room to move.
        var rows = Datasets.TwoBlobs(300, seed: 31, spread: 2.5f);
        var data = _mlContext.Data.LoadFromEnumerable(rows);
        var plain = Fast.Binary(epochs: 15);
        var weighted = Fast.Binary(epochs: 15);
        weighted.ClassWeights = new[] { 1f, 10f };

        int PositiveCount(MlpBinaryTrainer.Options o) =>
            _mlContext.Data.CreateEnumerable<BinaryPrediction>(_mlContext.BinaryClassification.Trainers.Mlp(o).Fit(data).Transform(data), reuseRowObject: false)
                .Count(p => p.PredictedLabel);

        Assert.True(PositiveCount(weighted) > PositiveCount(plain) + 20);
    }

    [Fact]
    public void MulticlassClassWeightsChangeTheModel()
    {
        var data = Trained.MulticlassTest(_mlContext);
        var plain = Fast.Multiclass(epochs: 5);
        var weighted = Fast.Multiclass(epochs: 5);
        weighted.ClassWeights = new[] { 1f, 5f, 1f };
        Assert.NotEqual(
            Trained.Scores(_mlContext, _mlContext.MulticlassClassification.Trainers.Mlp(plain).Fit(data), data),
            Trained.Scores(_mlContext, _mlContext.MulticlassClassification.Trainers.Mlp(weighted).Fit(data), data));
    }

    [Fact]
    public void ExampleWeightsShiftPredictionsTowardHeavierRows()
    {
        var rows = Datasets.TwoBlobs(300, seed: 31, spread: 2.5f)
            .Select(r => new WeightedBinaryRow { Features = r.Features, Label = r.Label, Weight = r.Label ? 10f : 1f }).ToList();
        var data = _mlContext.Data.LoadFromEnumerable(rows);
        var plain = Fast.Binary(epochs: 15);
        var weighted = Fast.Binary(epochs: 15);
        weighted.ExampleWeightColumnName = "Weight";

        int PositiveCount(MlpBinaryTrainer.Options o) =>
            _mlContext.Data.CreateEnumerable<BinaryPrediction>(_mlContext.BinaryClassification.Trainers.Mlp(o).Fit(data).Transform(data), reuseRowObject: false)
                .Count(p => p.PredictedLabel);

        Assert.True(PositiveCount(weighted) > PositiveCount(plain) + 20);
    }

    [Fact]
    public void AVectorLabelGivesAScoreVectorPerTarget()
    {
        var options = Fast.Regression(epochs: 80);
        var model = _mlContext.Regression.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(Datasets.TwoTargets(300, seed: 41)));
        Assert.Equal(2, model.TargetCount);

        var test = Datasets.TwoTargets(100, seed: 42);
        var predictions = _mlContext.Data.CreateEnumerable<MultiTargetPrediction>(model.Transform(_mlContext.Data.LoadFromEnumerable(test)), reuseRowObject: false).ToList();
        for (int target = 0; target < 2; target++)
        {
            double rmse = Math.Sqrt(predictions.Average(p => Math.Pow(p.Score[target] - p.Label[target], 2)));
            double mean = predictions.Average(p => p.Label[target]);
            double baseline = Math.Sqrt(predictions.Average(p => Math.Pow(p.Label[target] - mean, 2)));
            Assert.True(rmse < 0.3 * baseline, $"target {target}: rmse {rmse}, baseline {baseline}");
        }
    }

    [Fact]
    public void RegressionLossFunctionsAllTrain()
    {
        foreach (var loss in Enum.GetValues<MlpRegressionTrainer.LossFunction>())
        {
            var options = Fast.Regression(epochs: 3);
            options.Loss = loss;
            var model = _mlContext.Regression.Trainers.Mlp(options).Fit(Trained.RegressionTest(_mlContext));
            Assert.Equal(3, model.Model.History.Epochs.Count);
        }
    }

    private List<float[]> Train(MlpBinaryTrainer.Options options) =>
        Trained.Scores(_mlContext, _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain), Trained.BinaryTest(_mlContext));

    /// <summary>Unlike Progress&lt;T&gt;, reports on the training thread, so counts are exact when Fit returns.</summary>
    private sealed class SynchronousProgress : IProgress<EpochReport>
    {
        private readonly Action<EpochReport> _report;

        public SynchronousProgress(Action<EpochReport> report) => _report = report;

        public void Report(EpochReport value) => _report(value);
    }
}
