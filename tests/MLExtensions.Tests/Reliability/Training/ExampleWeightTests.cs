using Microsoft.ML;
using MLExtensions.Engine.Training;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Reliability.Training;

/// <summary>Zero example weights are valid data: a batch of them contributes nothing; only weights that are all zero are refused.</summary>
public class ExampleWeightTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    private static MlpBinaryTrainer.Options Weighted(int batchSize)
    {
        var options = Fast.Binary(epochs: 3);
        options.BatchSize = batchSize;
        options.ExampleWeightColumnName = "Weight";
        return options;
    }

    private IDataView Rows(Func<int, float> weight) =>
        _mlContext.Data.LoadFromEnumerable(Trained.BinaryTrainRows.Select((r, i) => new WeightedBinaryRow { Features = r.Features, Label = r.Label, Weight = weight(i) }).ToList());

    [Fact]
    public void AZeroWeightInABatchOfOneTrains()
    {
        var model = _mlContext.BinaryClassification.Trainers.Mlp(Weighted(batchSize: 1)).Fit(Rows(i => i == 3 ? 0f : 1f));
        Assert.Equal(3, model.Model.History.Epochs.Count);
        Assert.All(model.Model.History.Epochs, e => Assert.True(double.IsFinite(e.TrainingLoss)));
    }

    [Fact]
    public void BatchesWhoseWeightsSumToZeroAreSkippedInsteadOfStoppingTraining()
    {
        // Half the rows weigh zero: of 150 shuffled batches of two, about a quarter weigh zero in all.
        var model = _mlContext.BinaryClassification.Trainers.Mlp(Weighted(batchSize: 2)).Fit(Rows(i => i % 2 == 0 ? 0f : 1f));
        Assert.Equal(StopReason.Completed, model.Model.History.StopReason);
        Assert.Equal(3, model.Model.History.Epochs.Count);
        Assert.All(Trained.Scores(_mlContext, model, Trained.BinaryTest(_mlContext)), s => Assert.True(float.IsFinite(s[0])));
    }

    [Fact]
    public void WeightsThatAreAllZeroAreRefusedNamingTheWeightColumn()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _mlContext.BinaryClassification.Trainers.Mlp(Weighted(batchSize: 8)).Fit(Rows(_ => 0f)));
        Assert.Contains("example weight column 'Weight'", error.Message);
        Assert.Contains("training data", error.Message);
        Assert.Contains("zero", error.Message);
    }

    [Fact]
    public void AValidationSetWhoseWeightsAreAllZeroIsRefusedAsTheValidationSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(Weighted(batchSize: 8)).Fit(Rows(_ => 1f), Rows(_ => 0f)));
        Assert.Contains("example weight column 'Weight'", error.Message);
        Assert.Contains("validation data", error.Message);
    }
}
