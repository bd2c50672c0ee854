using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Reliability;

/// <summary>A batch whose weights sum to zero carries no information: it takes no step and counts for nothing.</summary>
public class ExampleWeightBatchTests
{
    private static TrainingData Weighted(float[] weights)
    {
        var random = new RandomSource(3);
        var features = Enumerable.Range(0, weights.Length * 2).Select(_ => (float)random.NextGaussian()).ToArray();
        var targets = Enumerable.Range(0, weights.Length).Select(i => (float)(i % 2)).ToArray();
        return new TrainingData(features, 2, targets, 1, weights);
    }

    [Fact]
    public void InBatchesOfOneEveryZeroWeightRowIsSkipped()
    {
        var weights = Enumerable.Range(0, 40).Select(i => i % 4 == 0 ? 1f : 0f).ToArray();
        var optimizer = new Sgd(0.1f);
        using var trainer = new MiniBatchTrainer(SmallNetworks.TanhClassifier(hidden: 4, seed: 3), new SoftmaxCrossEntropyLoss(), optimizer, batchSize: 1, seed: 5);
        double loss = trainer.TrainEpoch(Weighted(weights));
        // Ten rows weigh anything: ten steps, and the epoch's loss is their mean.
        Assert.Equal(10, optimizer.Iterations);
        Assert.True(double.IsFinite(loss));
    }

    [Fact]
    public void ClassWeightsOfZeroSkipABatchOfThatClassToo()
    {
        var optimizer = new Sgd(0.1f);
        var loss = new SoftmaxCrossEntropyLoss(classWeights: new[] { 0f, 1f });
        using var trainer = new MiniBatchTrainer(SmallNetworks.TanhClassifier(hidden: 4, seed: 3), loss, optimizer, batchSize: 1, seed: 5);
        trainer.TrainEpoch(Weighted(Enumerable.Repeat(1f, 40).ToArray()));
        // Targets alternate 0, 1: class 0 weighs nothing, so its 20 rows take no step.
        Assert.Equal(20, optimizer.Iterations);
    }

    [Fact]
    public void ZeroWeightRowsInAFullBatchChangeNothing()
    {
        // One full batch with zero-weight rows added gives the same step as the batch without them: a hand-free reference.
        var weights = Enumerable.Range(0, 30).Select(i => i < 20 ? 1f : 0f).ToArray();
        var data = Weighted(weights);
        var kept = data.Select(Enumerable.Range(0, 20).ToArray()).Compact();

        var withZeros = SmallNetworks.TanhClassifier(hidden: 4, seed: 3);
        using (var trainer = new MiniBatchTrainer(withZeros, new SoftmaxCrossEntropyLoss(), new Sgd(0.1f), batchSize: 30, seed: 5))
            trainer.TrainEpoch(data);
        var without = SmallNetworks.TanhClassifier(hidden: 4, seed: 3);
        using (var trainer = new MiniBatchTrainer(without, new SoftmaxCrossEntropyLoss(), new Sgd(0.1f), batchSize: 20, seed: 5))
            trainer.TrainEpoch(kept);

        var a = withZeros.SnapshotParameters();
        var b = without.SnapshotParameters();
        for (int i = 0; i < a.Length; i++)
            Assert.Equal(b[i], a[i], 6);
    }

    [Fact]
    public void DataWhoseWeightsAreAllZeroIsRefused()
    {
        using var trainer = new MiniBatchTrainer(SmallNetworks.TanhClassifier(hidden: 4, seed: 3), new SoftmaxCrossEntropyLoss(), new Sgd(0.1f), batchSize: 4);
        var error = Assert.Throws<ArgumentException>(() => trainer.TrainEpoch(Weighted(new float[12])));
        Assert.Contains("Every example weight of the training data is zero", error.Message);

        var fit = Assert.Throws<ArgumentException>(() => NetworkTrainer.Fit(SmallNetworks.TanhClassifier(hidden: 4, seed: 3), new SoftmaxCrossEntropyLoss(), Weighted(new float[12]), null,
            new TrainingOptions { Epochs = 1 }));
        Assert.Contains("training data", fit.Message);
    }

    [Fact]
    public void AHeldOutSideWhoseWeightsAreAllZeroIsRefusedNamingIt()
    {
        // Only one row weighs anything: whichever side of the hold-out it lands on, the other weighs nothing.
        var weights = new float[20];
        weights[0] = 1;
        var error = Assert.Throws<ArgumentException>(() => NetworkTrainer.Fit(SmallNetworks.TanhClassifier(hidden: 4, seed: 3), new SoftmaxCrossEntropyLoss(), Weighted(weights), null,
            new TrainingOptions { Epochs = 1, ValidationFraction = 0.5 }));
        Assert.Matches("Every example weight of the (training|held-out validation) data is zero", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnInvalidTargetFoundWhileCheckingTheWeightsIsNumberedWithinTheWholeData(bool view)
    {
        var weights = Enumerable.Repeat(1f, 3000).ToArray();
        var data = Weighted(weights);
        data.Targets[2500] = 7;
        var checkedData = view ? data.Select(Enumerable.Range(0, 3000).ToArray()) : data;
        var error = Assert.Throws<ArgumentException>(() =>
            NetworkTrainer.Fit(SmallNetworks.TanhClassifier(hidden: 4, seed: 3), new SoftmaxCrossEntropyLoss(), checkedData, null, new TrainingOptions { Epochs = 1 }));
        Assert.StartsWith("Row 2500: the target 7 is not a class index in [0, 2)", error.Message);
    }

    [Fact]
    public void CopyingAViewsTargetsAndWeightsGathersItsRowsInOrder()
    {
        var data = new TrainingData(new float[8], 2, new float[] { 10, 11, 12, 13 }, 1, new float[] { 0.1f, 0.2f, 0.3f, 0.4f });
        var view = data.Select(new[] { 3, 1, 2 });
        var targets = new float[2];
        var weights = new float[2];
        view.CopyTargets(1, 2, targets);
        view.CopyWeights(1, 2, weights);
        Assert.Equal(new float[] { 11, 12 }, targets);
        Assert.Equal(new float[] { 0.2f, 0.3f }, weights);
        Assert.Throws<ArgumentOutOfRangeException>(() => view.CopyTargets(2, 2, targets));
    }
}
