using Microsoft.ML;
using MLExtensions.Engine.Training;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Trainers;

/// <summary>How options reach training: copied once, never mutated, hold-outs only when read, targets standardized.</summary>
public class OptionsPathTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView BinaryTrain => _ml.Data.LoadFromEnumerable(Trained.BinaryTrainRows);

    [Fact]
    public void TwoParallelFitsSharingOneOptionsObjectGiveTheSequentialModels()
    {
        var options = Fast.Binary(epochs: 15);
        options.EarlyStopping = true;
        options.ValidationFraction = 0.2f;
        options.ReduceLearningRateOnPlateau = new Engine.Schedules.ReduceLearningRateOnPlateau(factor: 0.5f, patience: 2);
        options.Progress = new Progress<EpochReport>(_ => { });
        var first = _ml.BinaryClassification.Trainers.Mlp(options);
        var second = _ml.BinaryClassification.Trainers.Mlp(options);

        var sequential = new[] { first.Fit(BinaryTrain), second.Fit(BinaryTrain) }.Select(Scores).ToArray();
        var parallel = new MlpBinaryTransformer[2];
        Parallel.For(0, 2, i => parallel[i] = (i == 0 ? first : second).Fit(BinaryTrain));

        Assert.Equal(sequential[0], Scores(parallel[0]));
        Assert.Equal(sequential[1], Scores(parallel[1]));
    }

    [Fact]
    public void ChangingTheOptionsAfterwardsDoesNotChangeATrainerMadeFromThem()
    {
        var options = Fast.Binary(epochs: 5);
        var trainer = _ml.BinaryClassification.Trainers.Mlp(options);
        var before = Scores(trainer.Fit(BinaryTrain));

        options.HiddenLayerSizes[0] = 3;
        options.LearningRate = 0.5f;
        options.NumberOfEpochs = 1;

        Assert.Equal(before, Scores(trainer.Fit(BinaryTrain)));
    }

    [Fact]
    public void WithoutEarlyStoppingEveryRowIsTrainedOnAndNoValidationIsComputed()
    {
        var options = Fast.Binary(epochs: 4);
        options.EarlyStopping = false;
        var model = _ml.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain);

        Assert.All(model.Model.History.Epochs, e => Assert.True(double.IsNaN(e.ValidationLoss)));
        var explicitNoHoldOut = Fast.Binary(epochs: 4);
        explicitNoHoldOut.EarlyStopping = false;
        explicitNoHoldOut.ValidationFraction = 0;
        Assert.Equal(Scores(_ml.BinaryClassification.Trainers.Mlp(explicitNoHoldOut).Fit(BinaryTrain)), Scores(model));
    }

    [Fact]
    public void TheDefaultHoldOutAppearsOnlyWhereItIsWorthItsRows()
    {
        var options = Fast.Binary(epochs: 3);
        options.EarlyStopping = null;
        options.ValidationFraction = null;
        var small = _ml.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain);
        // 300 rows: early stopping watches the training loss; nothing is held out.
        Assert.All(small.Model.History.Epochs, e => Assert.True(double.IsNaN(e.ValidationLoss)));

        var large = _ml.BinaryClassification.Trainers.Mlp(options).Fit(_ml.Data.LoadFromEnumerable(Datasets.TwoBlobs(1200, seed: 4)));
        Assert.All(large.Model.History.Epochs, e => Assert.False(double.IsNaN(e.ValidationLoss)));

        // Naming a validation quantity to watch asks for the hold-out whatever the size.
        options.EarlyStoppingMonitor = MonitoredQuantity.ValidationLoss;
        var asked = _ml.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain);
        Assert.All(asked.Model.History.Epochs, e => Assert.False(double.IsNaN(e.ValidationLoss)));
    }

    [Fact]
    public void EarlyStoppingBaselineAndStartEpochAreReachableFromTheOptions()
    {
        var options = Fast.Binary(epochs: 30);
        options.EarlyStopping = true;
        options.EarlyStoppingMonitor = MonitoredQuantity.TrainingLoss;
        options.EarlyStoppingPatience = 2;
        options.EarlyStoppingStartEpoch = 5;
        options.EarlyStoppingBaseline = 1e-9; // no epoch reaches it
        var history = _ml.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain).Model.History;

        // Epochs 0-4 are not judged; from epoch 5 the wait grows by one per epoch and reaches the patience at epoch 6.
        Assert.Equal(StopReason.EarlyStopping, history.StopReason);
        Assert.Equal(7, history.Epochs.Count);
        Assert.True(history.BestEpoch >= 5, $"best epoch {history.BestEpoch}");
    }

    [Fact]
    public void RegressionOnAnOffsetTargetLearnsBecauseTheTargetIsStandardized()
    {
        // y = 150 + 20·x: without standardization, 8 epochs of Adam at 1e-2 barely move the output towards 150.
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300).Select(_ =>
        {
            float x = (float)(random.NextDouble() * 2 - 1);
            return new RegressionRow { Features = new[] { x }, Label = 150 + 20 * x };
        }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows);
        double RSquared(bool standardize)
        {
            var options = Fast.Regression(epochs: 8);
            options.StandardizeLabel = standardize;
            options.LearningRate = 0.01f;
            var model = _ml.Regression.Trainers.Mlp(options).Fit(data);
            return _ml.Regression.Evaluate(model.Transform(data)).RSquared;
        }

        double standardized = RSquared(true), raw = RSquared(false);
        Assert.True(standardized > 0.95, $"standardized R² {standardized}");
        Assert.True(raw < 0, $"raw R² {raw}");
    }

    [Fact]
    public void StandardizedRegressionPredictsInTheLabelsUnitsAndSurvivesSaving()
    {
        var options = Fast.Regression(epochs: 5);
        var model = _ml.Regression.Trainers.Mlp(options).Fit(Trained.RegressionTest(_ml));
        var standardization = Assert.IsType<LabelStandardization>(model.Model.LabelStandardization);
        double mean = Trained.RegressionTestRows.Average(r => r.Label);
        double sd = Math.Sqrt(Trained.RegressionTestRows.Average(r => (r.Label - mean) * (r.Label - mean)));
        Assert.Equal(mean, standardization.Mean[0], 4);
        Assert.Equal(sd, standardization.StandardDeviation[0], 4);

        // The score is the network's output put back in the label's units.
        var network = model.Model.Network;
        var workspace = new Engine.Networks.NetworkWorkspace(network, 1);
        float raw = network.Forward(workspace, Engine.Layers.LayerContext.Inference(), Trained.RegressionTestRows[0].Features, 1)[0];
        float score = Trained.Scores(_ml, model, Trained.RegressionTest(_ml))[0][0];
        Assert.Equal(raw * standardization.StandardDeviation[0] + standardization.Mean[0], score);

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = MLExtensions.Saving.TransformerFile.Load(stream);
        Assert.Equal(Trained.Scores(_ml, model, Trained.RegressionTest(_ml)), Trained.Scores(_ml, loaded, Trained.RegressionTest(_ml)));
    }

    [Fact]
    public void LbfgsReportsItsRunThroughProgress()
    {
        var reports = new List<EpochReport>();
        var options = Fast.Binary(epochs: 20);
        options.Optimizer = MlpOptimizer.Lbfgs;
        options.Progress = new Synchronous(reports.Add);
        _ml.BinaryClassification.Trainers.Mlp(options).Fit(BinaryTrain);
        Assert.Single(reports);
    }

    private List<float[]> Scores(ITransformer model) => Trained.Scores(_ml, model, Trained.BinaryTest(_ml));

    private sealed class Synchronous : IProgress<EpochReport>
    {
        private readonly Action<EpochReport> _report;

        public Synchronous(Action<EpochReport> report) => _report = report;

        public void Report(EpochReport value) => _report(value);
    }
}
