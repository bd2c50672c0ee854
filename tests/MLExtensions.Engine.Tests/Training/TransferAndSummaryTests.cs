using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Training;

public class TransferAndSummaryTests
{
    [Fact]
    public void SummaryCountsParametersLikeKeras()
    {
        var network = new Network(784,
            new DenseLayer(300, Activation.FromName("relu")),
            new DenseLayer(100, useBias: false),
            new BatchNormalizationLayer(),
            new ActivationLayer(Activation.FromName("relu")),
            new DenseLayer(10));
        var summary = network.Summary();
        Assert.Equal(new long[] { 235_500, 30_000, 200, 0, 1_010 }, summary.Rows.Select(r => r.TrainableParameters));
        Assert.Equal(new long[] { 0, 0, 200, 0, 0 }, summary.Rows.Select(r => r.NonTrainableParameters));
        Assert.Equal(266_710, summary.TrainableParameters);
        Assert.Equal(266_910, summary.TotalParameters);
        var text = summary.ToString();
        Assert.Contains("dense(300, relu)", text);
        Assert.Contains("total parameters: 266,910 (trainable 266,710, non-trainable 200)", text);
        // Counts stand right-aligned under their headers: the widest, "235,500", fills the column, "0" ends where it ends.
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        int trainableEnd = lines[1].IndexOf("trainable", StringComparison.Ordinal) + "trainable".Length;
        Assert.Equal(trainableEnd, lines[3].IndexOf("235,500", StringComparison.Ordinal) + "235,500".Length);
        Assert.Equal(trainableEnd, lines[6].LastIndexOf("0  ", StringComparison.Ordinal) + 1);

        network.Layers[0].Trainable = false;
        Assert.Equal(235_500 + 200, network.Summary().NonTrainableParameters);
    }

    [Fact]
    public void FrozenLayersKeepTheirParametersWhileTheOthersTrain()
    {
        var data = TwoSpirals.Data(40, new RandomSource(1));
        var network = new Network(2, new DenseLayer(8, Activation.FromName("tanh")), new DenseLayer(8, Activation.FromName("tanh")), new DenseLayer(2));
        network.InitializeParameters(new RandomSource(1));
        network.Layers[0].Trainable = false;
        var frozen = network.Layers[0].Parameters.ToArray();
        var second = network.Layers[1].Parameters.ToArray();
        NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), data, null, new TrainingOptions { Epochs = 2, Optimizer = new AdamW() });
        Assert.Equal(frozen, network.Layers[0].Parameters.ToArray());
        Assert.NotEqual(second, network.Layers[1].Parameters.ToArray());
    }

    [Fact]
    public void ReplaceTopKeepsTheLowerLayersWeightsAndAddsAFreshHead()
    {
        var network = SmallNetworks.TanhClassifier(hidden: 8, seed: 2);
        var lower = network.Layers[0].Parameters.ToArray();

        var transferred = network.ReplaceTop(1, new DenseLayer(3));
        transferred.InitializeNewLayers(new RandomSource(3));
        Assert.Equal(3, transferred.OutputSize);
        Assert.Equal(lower, transferred.Layers[0].Parameters.ToArray());
        Assert.Contains(transferred.Parameters.ToArray()[^27..], v => v != 0f);
        Assert.Throws<InvalidOperationException>(() =>
            network.Forward(new NetworkWorkspace(network, 1), LayerContext.Inference(), new float[2], 1));
    }

    [Fact]
    public void WarmStartContinuesFromTheCurrentWeights()
    {
        var data = TwoSpirals.Data(50, new RandomSource(5));
        var network = SmallNetworks.TanhClassifier(hidden: 32, seed: 5);
        var optimizer = new Adam(0.01f);
        var first = NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), data, null, new TrainingOptions { Epochs = 20, Optimizer = optimizer });
        var second = NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), data, null, new TrainingOptions { Epochs = 1, Optimizer = optimizer });
        Assert.True(second.Epochs[0].TrainingLoss < first.Epochs[0].TrainingLoss);
        Assert.True(optimizer.Iterations > 20);
    }

    [Fact]
    public void TheOverfitCheckPassesForAWorkingSetUpAndFailsForOneThatCannotFit()
    {
        var spirals = TwoSpirals.Data(10, new RandomSource(6));
        var passed = OverfitCheck.Run(() => SmallNetworks.TanhClassifier(hidden: 32, seed: 6), new SoftmaxCrossEntropyLoss(), spirals);
        Assert.True(passed.Passed, passed.Message);
        Assert.Equal(20, passed.Rows);

        var xor = new TrainingData(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 2, new float[] { 0, 1, 1, 0 }, 1);
        var failed = OverfitCheck.Run(() =>
        {
            var n = new Network(2, new DenseLayer(1));
            n.InitializeParameters(new RandomSource(6));
            return n;
        }, new BinaryCrossEntropyLoss(), xor, maxEpochs: 300);
        Assert.False(failed.Passed);
        Assert.Contains("only fell", failed.Message);
    }

    [Fact]
    public void StratifiedHoldOutKeepsEachClassProportion()
    {
        var labels = Enumerable.Range(0, 100).Select(i => (float)(i < 70 ? 0 : i < 95 ? 1 : 2)).ToArray();
        var data = new TrainingData(Enumerable.Range(0, 100).Select(i => (float)i).ToArray(), 1, labels, 1);
        var (training, validation) = HoldOut.Split(data, 0.2, stratify: true, new RandomSource(1));
        Assert.Equal(80, training.RowCount);
        Assert.Equal(20, validation.RowCount);
        var validationTargets = Enumerable.Range(0, validation.RowCount).Select(r => validation.TargetsOf(r)[0]).ToArray();
        Assert.Equal(14, validationTargets.Count(t => t == 0));
        Assert.Equal(5, validationTargets.Count(t => t == 1));
        Assert.Equal(1, validationTargets.Count(t => t == 2));
        // Every row lands on exactly one side, carrying its own target.
        var all = Enumerable.Range(0, training.RowCount).Select(r => training.FeaturesOf(r)[0])
            .Concat(Enumerable.Range(0, validation.RowCount).Select(r => validation.FeaturesOf(r)[0])).OrderBy(v => v).ToArray();
        Assert.Equal(data.Features, all);
        for (int i = 0; i < validation.RowCount; i++)
            Assert.Equal(labels[(int)validation.FeaturesOf(i)[0]], validation.TargetsOf(i)[0]);
    }
}
