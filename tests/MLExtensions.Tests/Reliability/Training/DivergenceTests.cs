using Microsoft.ML;
using MLExtensions.Engine.Training;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Reliability.Training;

/// <summary>
/// Divergence is judged against a baseline that means something for every task — the loss of predicting the targets'
/// mean (or the class frequencies), or of the network as it started, whichever is larger — so a run already far off in
/// its first epoch is caught, and ordinary runs are not.
/// </summary>
public class DivergenceTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    /// <summary>The stop message of a fit that must not complete: the history's, or the exception's when no epoch was usable.</summary>
    private static string DivergedMessage(Func<MlpTransformerBase> fit)
    {
        try
        {
            var history = fit().Model.History;
            Assert.Equal(StopReason.Diverged, history.StopReason);
            return history.StopMessage;
        }
        catch (TrainingDivergedException e)
        {
            return e.Message;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RegressionWithAdamAtLearningRateAThousandIsStoppedAsDiverged(bool standardizeLabel)
    {
        var options = Fast.Regression(epochs: 20);
        options.LearningRate = 1e3f;
        options.StandardizeLabel = standardizeLabel;
        string message = DivergedMessage(() => _mlContext.Regression.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(Trained.RegressionTrainRows)));
        Assert.Contains("Epoch 1:", message);
        Assert.Contains("the targets' mean", message);
        Assert.Contains("Lower the learning rate", message);
    }

    [Fact]
    public void AClassifierWithAHugeLearningRateIsStoppedAsDiverged()
    {
        var options = Fast.Multiclass(epochs: 20);
        options.LearningRate = 1e4f;
        options.Optimizer = MlpOptimizer.Sgd;
        string message = DivergedMessage(() => _mlContext.MulticlassClassification.Trainers.Mlp(options).Fit(Trained.MulticlassTest(_mlContext)));
        Assert.Contains("Lower the learning rate", message);
    }

    [Fact]
    public void RegressionOnTargetsInLargeUnitsWithoutStandardizationIsNotMistakenForDivergence()
    {
        // Targets near 150 that the network starts far from: its first epochs' losses are thousands of times the targets'
        // variance, yet falling. The baseline of the starting network keeps them from counting as divergence.
        var options = new MlpRegressionTrainer.Options { StandardizeLabel = false, NumberOfEpochs = 5, NumberOfThreads = 1, Seed = 1 };
        var model = _mlContext.Regression.Trainers.Mlp(options).Fit(new GeneratedDataView(rows: 2_000, width: 4));
        Assert.Equal(StopReason.Completed, model.Model.History.StopReason);
        Assert.True(model.Model.History.Epochs[^1].TrainingLoss < model.Model.History.Epochs[0].TrainingLoss);
    }

    [Fact]
    public void AnImbalancedClassifierIsNotMistakenForDivergence()
    {
        // 3% positives: the class frequencies' loss is a fifth of the starting network's, which is the baseline here.
        var rows = Datasets.TwoBlobs(1_000, seed: 9).Select((r, i) => new BinaryRow { Features = r.Features, Label = i % 33 == 0 }).ToList();
        var options = new MlpBinaryTrainer.Options { NumberOfEpochs = 5, NumberOfThreads = 1, Seed = 1 };
        var model = _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(rows));
        Assert.NotEqual(StopReason.Diverged, model.Model.History.StopReason);
    }
}
