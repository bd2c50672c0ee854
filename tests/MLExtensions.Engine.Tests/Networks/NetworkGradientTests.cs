using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Tests.Networks;

/// <summary>
/// The whole network's back-propagated gradient against central finite differences of an independent
/// forward pass written here in double with naive loops (not the engine's kernels).
/// </summary>
public class NetworkGradientTests
{
    private const int Inputs = 7, Hidden1 = 6, Hidden2 = 5, Classes = 4, Batch = 9;

    [Theory]
    [InlineData("tanh", "sigmoid")]
    [InlineData("softplus", "elu")]
    [InlineData("gelu", "silu")]
    public void BackpropagatedGradientMatchesFiniteDifferencesOfAReferenceForwardPass(string first, string second)
    {
        var network = new Network(Inputs,
            new DenseLayer(Hidden1, Activation.FromName(first)),
            new DenseLayer(Hidden2, Activation.FromName(second)),
            new DenseLayer(Classes));
        var random = new RandomSource(11);
        network.InitializeParameters(random);
        // Non-zero biases so the bias gradients are exercised away from the symmetric start.
        for (int i = 0; i < network.ParameterCount; i++)
            network.Parameters[i] += (float)(0.1 * random.NextGaussian());

        var x = new float[Batch * Inputs];
        for (int i = 0; i < x.Length; i++)
            x[i] = (float)random.NextGaussian();
        var labels = new float[Batch];
        for (int i = 0; i < Batch; i++)
            labels[i] = i % Classes;
        var weights = new float[Batch];
        for (int i = 0; i < Batch; i++)
            weights[i] = 0.5f + i * 0.25f;

        var loss = new SoftmaxCrossEntropyLoss();
        var workspace = new NetworkWorkspace(network, Batch);
        var context = new LayerContext(null, training: true, new RandomSource(1));
        var outputs = network.Forward(workspace, context, x, Batch);
        loss.Evaluate(outputs, labels, weights, Batch, Classes, workspace.OutputGradient(Batch));
        network.Backward(workspace, context, x, Batch);
        var analytic = network.Gradients.ToArray();

        double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        var activations = (ReferenceActivation(first), ReferenceActivation(second));
        for (int p = 0; p < theta.Length; p++)
        {
            double h = 1e-5 * Math.Max(1.0, Math.Abs(theta[p]));
            double saved = theta[p];
            theta[p] = saved + h;
            double plus = ReferenceLoss(theta, x, labels, weights, activations);
            theta[p] = saved - h;
            double minus = ReferenceLoss(theta, x, labels, weights, activations);
            theta[p] = saved;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[p]) <= 2e-4 + 2e-3 * Math.Abs(numeric),
                $"parameter {p}: numeric {numeric}, backprop {analytic[p]}");
        }
    }

    private static Func<double, double> ReferenceActivation(string name) => name switch
    {
        "tanh" => Math.Tanh,
        "sigmoid" => z => 1 / (1 + Math.Exp(-z)),
        "softplus" => z => Math.Log(1 + Math.Exp(z)),
        "elu" => z => z > 0 ? z : Math.Exp(z) - 1,
        "silu" => z => z / (1 + Math.Exp(-z)),
        "gelu" => z => 0.5 * z * (1 + Erf(z / Math.Sqrt(2))),
        _ => throw new ArgumentException(name),
    };

    // Abramowitz–Stegun 7.1.26 is too coarse for finite differences; use the series/continued fraction pair.
    private static double Erf(double x)
    {
        double ax = Math.Abs(x);
        double result;
        if (ax < 2.5)
        {
            double term = ax, sum = ax, x2 = ax * ax;
            for (int n = 1; n < 200; n++)
            {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
                    break;
            }
            result = 2 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            // erfc by Lentz's continued fraction.
            double f = ax, c = ax, d = 0;
            for (int n = 1; n < 300; n++)
            {
                double an = n / 2.0;
                d = ax + an * d;
                d = 1 / d;
                c = ax + an / c;
                double delta = c * d;
                f *= delta;
                if (Math.Abs(delta - 1) < 1e-16)
                    break;
            }
            result = 1 - Math.Exp(-ax * ax) / Math.Sqrt(Math.PI) / f;
        }
        return x < 0 ? -result : result;
    }

    private static double ReferenceLoss(double[] theta, float[] x, float[] labels, float[] weights,
        (Func<double, double> First, Func<double, double> Second) activations)
    {
        int offset = 0;
        double total = 0, weightSum = 0;
        for (int row = 0; row < Batch; row++)
        {
            double[] a0 = new double[Inputs];
            for (int i = 0; i < Inputs; i++)
                a0[i] = x[row * Inputs + i];
            offset = 0;
            double[] a1 = Dense(theta, ref offset, a0, Hidden1, activations.First);
            double[] a2 = Dense(theta, ref offset, a1, Hidden2, activations.Second);
            double[] z = Dense(theta, ref offset, a2, Classes, v => v);
            double max = z.Max();
            double logSumExp = max + Math.Log(z.Sum(v => Math.Exp(v - max)));
            double rowLoss = logSumExp - z[(int)labels[row]];
            total += weights[row] * rowLoss;
            weightSum += weights[row];
        }
        Assert.Equal(theta.Length, offset);
        return total / weightSum;
    }

    private static double[] Dense(double[] theta, ref int offset, double[] input, int units, Func<double, double> f)
    {
        // Weights [inputs × units] row-major, then biases: the engine's documented layout.
        var output = new double[units];
        for (int j = 0; j < units; j++)
        {
            double sum = theta[offset + input.Length * units + j];
            for (int i = 0; i < input.Length; i++)
                sum += input[i] * theta[offset + i * units + j];
            output[j] = f(sum);
        }
        offset += input.Length * units + units;
        return output;
    }
}
