using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Clipping;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Regularization;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Training;

/// <summary>
/// Without gradient clipping, the trainer updates each part of a layer as soon as the backward pass has finished its
/// gradient. The reference is the same trainer with a clipping bound no gradient reaches, which keeps the update after the
/// whole backward pass: the two must train the same bits, penalties, max-norm, frozen layers and batch normalization
/// included, and a non-finite penalty must still stop the step before anything moves.
/// </summary>
public class UpdateDuringBackwardTests
{
    // Wide enough that the first layer's weight-gradient product reports several blocks, on one thread and on two.
    private const int Features = 300, Rows = 200, Batch = 64;

    [Theory]
    [InlineData("adam", 1)]
    [InlineData("adam", 2)]
    [InlineData("sgd", 1)]
    [InlineData("rmsprop", 2)]
    public void UpdatingEachLayerDuringTheBackwardPassTrainsTheSameBitsAsUpdatingAfterIt(string optimizer, int threads)
    {
        var duringBackward = Train(optimizer, threads, updateAfterBackward: false, () => Problem(frozenMiddle: true), Batch, out var losses);
        var afterBackward = Train(optimizer, threads, updateAfterBackward: true, () => Problem(frozenMiddle: true), Batch, out var referenceLosses);
        Assert.Equal(referenceLosses, losses);
        Assert.Equal(afterBackward, duringBackward);
    }

    [Theory]
    [InlineData("nadam")]
    [InlineData("adamw")]
    public void ANarrowLayerWithoutBiasReportedRowByRowTrainsTheSameBits(string optimizer)
    {
        // Eight inputs are one row sliver of the product, so on two threads its weight gradient splits by columns and
        // each finished block reaches the trainer row by row; the optimizers are the two that cache per-step values.
        var duringBackward = Train(optimizer, threads: 2, updateAfterBackward: false, NarrowProblem, batch: 128, out var losses);
        var afterBackward = Train(optimizer, threads: 2, updateAfterBackward: true, NarrowProblem, batch: 128, out var referenceLosses);
        Assert.Equal(referenceLosses, losses);
        Assert.Equal(afterBackward, duringBackward);
    }

    [Fact]
    public void ANonFinitePenaltyStopsTheStepBeforeAnyLayerMoves()
    {
        // A non-finite weight would make the data loss non-finite first; a layer whose penalty alone turns infinite
        // reaches the penalty check, which comes after the dense layers below it in the backward order.
        var penaltyLayer = new PenaltyOnly();
        var random = new RandomSource(2);
        var network = new Network(Features, new DenseLayer(6, Activation.FromName("relu")), penaltyLayer, new DenseLayer(3));
        network.InitializeParameters(random);
        var (_, data) = Problem(frozenMiddle: false);
        var optimizer = new Adam();
        using var trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), optimizer, Batch, seed: 3);
        trainer.TrainEpoch(data);
        var before = network.SnapshotParameters();
        long iterations = optimizer.Iterations;

        penaltyLayer.Penalty = double.PositiveInfinity;
        Assert.Throws<TrainingDivergedException>(() => trainer.TrainEpoch(data));

        Assert.Equal(before, network.SnapshotParameters());
        Assert.Equal(iterations, optimizer.Iterations);
    }

    /// <summary>Passes its input through and reports a penalty the test sets.</summary>
    private sealed class PenaltyOnly : Layer
    {
        public double Penalty { get; set; }

        public override string Kind => "penalty_only";

        public override double PenaltyValue() => Penalty;

        protected override int ComputeOutputSize(int inputSize) => inputSize;

        public override void Forward(LayerContext context, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch, int batch) =>
            input[..(batch * InputSize)].CopyTo(output);

        public override void Backward(LayerContext context, BackwardPass pass)
        {
            if (!pass.InputGradient.IsEmpty)
                pass.OutputGradient[..(pass.Batch * OutputSize)].CopyTo(pass.InputGradient);
        }

        public override string Describe() => Kind;
    }

    private static float[] Train(string optimizerName, int threads, bool updateAfterBackward,
        Func<(Network Network, TrainingData Data)> problem, int batch, out List<double> losses)
    {
        var (network, data) = problem();
        var optimizer = Optimizer.FromConfig(new ComponentConfig(optimizerName, []));
        using var trainer = new MiniBatchTrainer(network, new SoftmaxCrossEntropyLoss(), optimizer, batch, threads, seed: 8);
        // Clipping needs the whole gradient, so it keeps the update after the backward pass; no gradient comes near this
        // bound, so it clips nothing.
        if (updateAfterBackward)
            trainer.Clipping = new GradientClippingOptions { GlobalClipNorm = float.MaxValue };
        losses = new List<double>();
        for (int epoch = 0; epoch < 3; epoch++)
            losses.Add(trainer.TrainEpoch(data));
        return network.SnapshotParameters();
    }

    private static (Network Network, TrainingData Data) Problem(bool frozenMiddle)
    {
        var random = new RandomSource(21);
        var features = Enumerable.Range(0, Rows * Features).Select(_ => (float)random.NextGaussian()).ToArray();
        var labels = Enumerable.Range(0, Rows).Select(i => (float)(i % 3)).ToArray();
        var network = new Network(Features,
            new DenseLayer(40, Activation.FromName("relu")) { KernelPenalty = WeightPenalty.ElasticNet(1e-3f, 1e-2f), MaxNorm = 1.5f },
            new BatchNormalizationLayer(),
            new DenseLayer(8, Activation.FromName("tanh")) { KernelPenalty = WeightPenalty.L2(1e-2f), BiasPenalty = WeightPenalty.L1(1e-3f) },
            new DenseLayer(3));
        network.InitializeParameters(random);
        if (frozenMiddle)
            network.Layers[2].Trainable = false;
        return (network, new TrainingData(features, Features, labels, 1));
    }

    private static (Network Network, TrainingData Data) NarrowProblem()
    {
        const int inputs = 8, rows = 300;
        var random = new RandomSource(22);
        var features = Enumerable.Range(0, rows * inputs).Select(_ => (float)random.NextGaussian()).ToArray();
        var labels = Enumerable.Range(0, rows).Select(i => (float)(i % 3)).ToArray();
        var network = new Network(inputs,
            new DenseLayer(520, Activation.FromName("relu"), useBias: false) { KernelPenalty = WeightPenalty.L2(1e-3f) },
            new DenseLayer(3));
        network.InitializeParameters(random);
        return (network, new TrainingData(features, inputs, labels, 1));
    }
}
