using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Tests.Layers;

public class BatchNormalizationTests
{
    private const int Inputs = 5, Hidden = 6, Classes = 3, Batch = 8;

    /// <summary>dense(no bias) → batch norm → tanh → dense, against finite differences of a double reference.</summary>
    [Fact]
    public void GradientMatchesFiniteDifferencesOfAReferenceForwardPass()
    {
        var bn = new BatchNormalizationLayer();
        var network = new Network(Inputs,
            new DenseLayer(Hidden, useBias: false),
            bn,
            new ActivationLayer(Activation.FromName("tanh")),
            new DenseLayer(Classes));
        var random = new RandomSource(4);
        network.InitializeParameters(random);
        for (int i = 0; i < network.ParameterCount; i++)
            network.Parameters[i] += (float)(0.2 * random.NextGaussian());
        var x = Enumerable.Range(0, Batch * Inputs).Select(_ => (float)random.NextGaussian()).ToArray();
        var labels = Enumerable.Range(0, Batch).Select(i => (float)(i % Classes)).ToArray();

        var loss = new SoftmaxCrossEntropyLoss();
        var workspace = new NetworkWorkspace(network, Batch);
        var context = new LayerContext(null, training: true, new RandomSource(1));
        var outputs = network.Forward(workspace, context, x, Batch);
        loss.Evaluate(outputs, labels, ReadOnlySpan<float>.Empty, Batch, Classes, workspace.OutputGradient(Batch));
        network.Backward(workspace, context, x, Batch);
        var analytic = network.Gradients.ToArray();

        var theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        for (int p = 0; p < theta.Length; p++)
        {
            double h = 1e-5, saved = theta[p];
            theta[p] = saved + h;
            double plus = ReferenceLoss(theta, x, labels, bn.Epsilon);
            theta[p] = saved - h;
            double minus = ReferenceLoss(theta, x, labels, bn.Epsilon);
            theta[p] = saved;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[p]) <= 3e-4 + 3e-3 * Math.Abs(numeric), $"parameter {p}: numeric {numeric}, backprop {analytic[p]}");
        }
    }

    private static double ReferenceLoss(double[] theta, float[] x, float[] labels, double epsilon)
    {
        int w1 = 0, gamma = Inputs * Hidden, beta = gamma + Hidden, w2 = beta + Hidden, b2 = w2 + Hidden * Classes;
        var z = new double[Batch, Hidden];
        for (int r = 0; r < Batch; r++)
            for (int j = 0; j < Hidden; j++)
                for (int i = 0; i < Inputs; i++)
                    z[r, j] += x[r * Inputs + i] * theta[w1 + i * Hidden + j];
        var a = new double[Batch, Hidden];
        for (int j = 0; j < Hidden; j++)
        {
            double mean = 0, variance = 0;
            for (int r = 0; r < Batch; r++)
                mean += z[r, j] / Batch;
            for (int r = 0; r < Batch; r++)
                variance += (z[r, j] - mean) * (z[r, j] - mean) / Batch;
            for (int r = 0; r < Batch; r++)
                a[r, j] = Math.Tanh(theta[gamma + j] * (z[r, j] - mean) / Math.Sqrt(variance + epsilon) + theta[beta + j]);
        }
        double total = 0;
        for (int r = 0; r < Batch; r++)
        {
            var logits = new double[Classes];
            for (int c = 0; c < Classes; c++)
            {
                logits[c] = theta[b2 + c];
                for (int j = 0; j < Hidden; j++)
                    logits[c] += a[r, j] * theta[w2 + j * Classes + c];
            }
            double max = logits.Max();
            total += max + Math.Log(logits.Sum(l => Math.Exp(l - max))) - logits[(int)labels[r]];
        }
        return total / Batch;
    }

    [Fact]
    public void WithMomentumZeroInferenceReproducesTheTrainingPassOfTheSameBatch()
    {
        var bn = new BatchNormalizationLayer(momentum: 0f);
        var network = new Network(4, bn);
        network.InitializeParameters(new RandomSource(1));
        bn.Gamma.Fill(1.5f);
        bn.Beta.Fill(-0.25f);
        var random = new RandomSource(2);
        var x = Enumerable.Range(0, 16 * 4).Select(i => (float)(3 + 2 * random.NextGaussian())).ToArray();
        var workspace = new NetworkWorkspace(network, 16);
        var training = network.Forward(workspace, new LayerContext(null, true, new RandomSource(3)), x, 16).ToArray();
        var inference = network.Forward(workspace, LayerContext.Inference(), x, 16).ToArray();
        for (int i = 0; i < training.Length; i++)
            Assert.Equal(training[i], inference[i], 4);
    }

    [Fact]
    public void InferenceNeverChangesTheMovingStatistics()
    {
        var bn = new BatchNormalizationLayer();
        var network = new Network(3, bn);
        network.InitializeParameters(new RandomSource(1));
        var before = bn.State.ToArray();
        var workspace = new NetworkWorkspace(network, 2);
        network.Forward(workspace, LayerContext.Inference(), new float[] { 1, 2, 3, 4, 5, 6 }, 2);
        Assert.Equal(before, bn.State.ToArray());
        network.Forward(workspace, new LayerContext(null, true, new RandomSource(1)), new float[] { 1, 2, 3, 4, 5, 6 }, 2);
        Assert.NotEqual(before, bn.State.ToArray());
    }

    [Fact]
    public void MovingAveragesFollowKerasMomentumRule()
    {
        var bn = new BatchNormalizationLayer(momentum: 0.9f);
        var network = new Network(1, bn);
        network.InitializeParameters(new RandomSource(1));
        var workspace = new NetworkWorkspace(network, 4);
        network.Forward(workspace, new LayerContext(null, true, new RandomSource(1)), new float[] { 1, 2, 3, 6 }, 4);
        // batch mean 3, biased variance (4+1+0+9)/4 = 3.5
        Assert.Equal(0.9 * 0 + 0.1 * 3, bn.MovingMean[0], 5);
        Assert.Equal(0.9 * 1 + 0.1 * 3.5, bn.MovingVariance[0], 5);
    }
}
