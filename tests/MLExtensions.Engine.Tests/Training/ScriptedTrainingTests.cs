using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Tests.Support;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Training;

/// <summary>Early stopping and cancellation driven by scripts, so the expected stopping point is known exactly.</summary>
public class ScriptedTrainingTests
{
    /// <summary>Trains with softmax cross-entropy but reports a scripted validation loss, one value per epoch.</summary>
    private sealed class ScriptedValidationLoss : Loss
    {
        private readonly SoftmaxCrossEntropyLoss _inner = new();
        private readonly double[] _script;
        private int _validations;

        public ScriptedValidationLoss(params double[] script) => _script = script;

        public override string Name => "scripted";

        public override int TargetWidth(int outputWidth) => 1;

        public override double Evaluate(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> exampleWeights,
            int batch, int width, Span<float> outputGradient) =>
            outputGradient.IsEmpty
                ? _script[_validations++]
                : _inner.Evaluate(outputs, targets, exampleWeights, batch, width, outputGradient);

        public override void OutputTransform(ReadOnlySpan<float> outputs, Span<float> predictions, int batch, int width) =>
            _inner.OutputTransform(outputs, predictions, batch, width);
    }

    [Fact]
    public void EarlyStoppingStopsWhereTheValidationCurveSaysAndRestoresThatEpochsWeights()
    {
        var data = TwoSpirals.Data(30, new RandomSource(3));
        var network = SmallNetworks.TanhClassifier(hidden: 8, seed: 3);
        var weightsByEpoch = new List<float[]>();
        var history = NetworkTrainer.Fit(network, new ScriptedValidationLoss(1.0, 0.8, 0.6, 0.65, 0.7, 0.62, 0.5, 0.4), data, data, new TrainingOptions
        {
            Epochs = 8,
            Optimizer = new Adam(0.01f),
            EarlyStopping = new EarlyStoppingOptions { Patience = 3 },
            // The divergence guard would measure its baseline with the loss, spending a scripted value.
            DivergenceFactor = double.PositiveInfinity,
            Progress = new SynchronousProgress<EpochReport>(_ => weightsByEpoch.Add(network.SnapshotParameters())),
        });
        // Best 0.6 at epoch 3 (index 2); epochs 4, 5 and 6 do not beat it, so training stops after epoch 6.
        Assert.Equal(StopReason.EarlyStopping, history.StopReason);
        Assert.Equal(6, history.Epochs.Count);
        Assert.Equal(2, history.BestEpoch);
        Assert.Equal(weightsByEpoch[2], network.SnapshotParameters());
        Assert.NotEqual(weightsByEpoch[5], network.SnapshotParameters());
    }

    /// <summary>An identity layer that signals cancellation during a chosen forward pass.</summary>
    private sealed class CancellingLayer : Layer
    {
        private readonly CancellationTokenSource _source;
        private readonly int _cancelAtPass;
        private int _passes;

        public CancellingLayer(CancellationTokenSource source, int cancelAtPass)
        {
            _source = source;
            _cancelAtPass = cancelAtPass;
        }

        public override string Kind => "cancelling";

        protected override int ComputeOutputSize(int inputSize) => inputSize;

        public override void Forward(LayerContext context, ReadOnlySpan<float> input, Span<float> output, Span<float> scratch, int batch)
        {
            if (context.Training && ++_passes == _cancelAtPass)
                _source.Cancel();
            input[..(batch * InputSize)].CopyTo(output);
        }

        public override void Backward(LayerContext context, BackwardPass pass)
        {
            if (!pass.InputGradient.IsEmpty)
                pass.OutputGradient[..(pass.Batch * InputSize)].CopyTo(pass.InputGradient);
        }

        public override string Describe() => "cancelling";
    }

    [Fact]
    public void CancellationBeforeTheFirstEpochEndsThrowsWithinOneBatchAndLeavesTheInitialWeights()
    {
        var data = TwoSpirals.Data(100, new RandomSource(4));
        using var cancel = new CancellationTokenSource();
        var optimizer = new Adam(0.01f);
        var network = new Network(2, new DenseLayer(8, Activation.FromName("tanh")), new CancellingLayer(cancel, cancelAtPass: 9), new DenseLayer(2));
        network.InitializeParameters(new RandomSource(4));
        var initial = network.SnapshotParameters();
        var error = Assert.Throws<OperationCanceledException>(() => NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), data, null, new TrainingOptions
        {
            Epochs = 50,
            BatchSize = 20,
            Optimizer = optimizer,
            CancellationToken = cancel.Token,
        }));
        // 200 rows in batches of 20 is 10 batches an epoch: the cancel comes in the 9th batch of the first epoch,
        // whose update still completes; the 10th never starts. No epoch finished, so there is no model: .NET's
        // convention is the exception, carrying the caller's token, and the network keeps the weights it came with.
        Assert.Equal(9, optimizer.Iterations);
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.Equal(initial, network.SnapshotParameters());
    }
}
