using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Regularization;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.Tests.Training;

/// <summary>What regularization is for, shown on synthetic problems built to need it.</summary>
public class RegularizationEffectTests
{
    [Fact]
    public void L1DrivesTheWeightsOfIrrelevantInputsToNearZero()
    {
        // y = 2·x0 − x1 + noise; inputs 2..9 are noise the model should learn to ignore.
        const int rows = 400, inputs = 10;
        var random = new RandomSource(21);
        var x = Enumerable.Range(0, rows * inputs).Select(_ => (float)random.NextGaussian()).ToArray();
        var y = Enumerable.Range(0, rows).Select(r => (float)(2 * x[r * inputs] - x[r * inputs + 1] + 0.3 * random.NextGaussian())).ToArray();
        var data = new TrainingData(x, inputs, y, 1);

        float[] Fit(WeightPenalty? penalty)
        {
            var dense = new DenseLayer(1) { KernelPenalty = penalty };
            var network = new Network(inputs, dense);
            network.InitializeParameters(new RandomSource(21));
            NetworkTrainer.Fit(network, new MeanSquaredErrorLoss(), data, null, new TrainingOptions { Epochs = 60, BatchSize = 20, Optimizer = new Sgd(0.01f) });
            return dense.Weights.ToArray();
        }

        var plain = Fit(null);
        var lasso = Fit(WeightPenalty.L1(0.05f));
        double plainIrrelevant = plain.Skip(2).Max(Math.Abs);
        double lassoIrrelevant = lasso.Skip(2).Max(Math.Abs);
        Assert.True(lassoIrrelevant < 0.01, $"largest irrelevant weight with L1: {lassoIrrelevant}");
        Assert.True(lassoIrrelevant < plainIrrelevant / 3, $"with L1 {lassoIrrelevant}, without {plainIrrelevant}");
        Assert.InRange(lasso[0], 1.7, 2.1);
        Assert.InRange(lasso[1], -1.1, -0.8);
    }

    [Fact]
    public void L2AndDropoutNarrowTheGapBetweenTrainingAndValidationLoss()
    {
        // Few rows, many noisy features, a wide network: the plain model memorizes the training set.
        var random = new RandomSource(31);
        TrainingData Make(int rows)
        {
            const int inputs = 40;
            var x = new float[rows * inputs];
            var y = new float[rows];
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < inputs; i++)
                    x[r * inputs + i] = (float)random.NextGaussian();
                double signal = x[r * inputs] + x[r * inputs + 1] + 1.5 * random.NextGaussian();
                y[r] = signal > 0 ? 1 : 0;
            }
            return new TrainingData(x, inputs, y, 1);
        }
        var training = Make(80);
        var validation = Make(600);

        double Gap(Func<Layer[]> layers)
        {
            var network = new Network(40, layers());
            network.InitializeParameters(new RandomSource(31));
            var history = NetworkTrainer.Fit(network, new SoftmaxCrossEntropyLoss(), training, validation,
                new TrainingOptions { Epochs = 150, BatchSize = 80, Optimizer = new Adam(3e-3f), Seed = 31, DivergenceFactor = double.PositiveInfinity });
            var evaluator = new NetworkEvaluator(network, new SoftmaxCrossEntropyLoss());
            return evaluator.Evaluate(validation).Loss - evaluator.Evaluate(training).Loss;
        }

        double plain = Gap(() => new Layer[] { new DenseLayer(128, Activation.FromName("relu")), new DenseLayer(128, Activation.FromName("relu")), new DenseLayer(2) });
        double l2 = Gap(() => new Layer[]
        {
            new DenseLayer(128, Activation.FromName("relu")) { KernelPenalty = WeightPenalty.L2(0.03f) },
            new DenseLayer(128, Activation.FromName("relu")) { KernelPenalty = WeightPenalty.L2(0.03f) },
            new DenseLayer(2) { KernelPenalty = WeightPenalty.L2(0.03f) },
        });
        double dropout = Gap(() => new Layer[]
        {
            // Srivastava et al.'s recipe: drop some inputs too, half of the hidden units.
            new DropoutLayer(0.3f),
            new DenseLayer(128, Activation.FromName("relu")), new DropoutLayer(0.5f),
            new DenseLayer(128, Activation.FromName("relu")), new DropoutLayer(0.5f), new DenseLayer(2),
        });
        Assert.True(plain > 0.5, $"the plain network should overfit; gap {plain}");
        Assert.True(l2 < 0.75 * plain, $"gap with L2 {l2}, without {plain}");
        Assert.True(dropout < 0.75 * plain, $"gap with dropout {dropout}, without {plain}");
    }
}
