using MLExtensions.Engine.Optimizers;
using static MLExtensions.Engine.Tests.Optimizers.OptimizerTestData;

namespace MLExtensions.Engine.Tests.Optimizers;

/// <summary>
/// The first steps of every optimizer against an independent scalar double implementation of the Keras 3
/// update rule. Hyperparameters go through (double)(float) so the reference sees what the engine sees.
/// </summary>
public class OptimizerReferenceTests
{
    /// <summary>One step of a reference optimizer on double weights; t is 1-based.</summary>
    private delegate void ReferenceStep(double[] w, double[] g, int t, double lr);

    private static readonly float[] ChangingRates = [0.05f, 0.01f, 0.2f];

    private static void AssertFollows(Optimizer optimizer, ReferenceStep reference, params float[] learningRates)
    {
        float[] w = InitialWeights();
        double[] expected = Array.ConvertAll(w, x => (double)x);
        double[] start = (double[])expected.Clone();
        for (int t = 1; t <= learningRates.Length; t++)
        {
            float[] g = Gradient(t);
            optimizer.LearningRate = learningRates[t - 1];
            optimizer.Update(w, g);
            reference(expected, Array.ConvertAll(g, x => (double)x), t, learningRates[t - 1]);
            Assert.Equal(t, optimizer.Iterations);
            for (int i = 0; i < Length; i++)
            {
                // Compare displacements: float rounding of w is ~1e-7, the update itself can be 1e-3.
                double expectedMove = expected[i] - start[i];
                double actualMove = w[i] - start[i];
                double tolerance = 2e-5 * Math.Abs(expectedMove) + 3e-7;
                Assert.True(Math.Abs(actualMove - expectedMove) <= tolerance,
                    $"step {t}, element {i}: moved {actualMove:R}, expected {expectedMove:R}");
            }
        }
    }

    private static float[] Constant(float rate) => [rate, rate, rate];

    // ---- SGD ----

    private static ReferenceStep SgdReference(double momentum, bool nesterov)
    {
        var velocity = new double[Length];
        return (w, g, t, lr) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                if (momentum == 0)
                {
                    w[i] -= lr * g[i];
                    continue;
                }
                velocity[i] = momentum * velocity[i] - lr * g[i];
                w[i] += nesterov ? momentum * velocity[i] - lr * g[i] : velocity[i];
            }
        };
    }

    [Fact]
    public void Sgd_Defaults() => AssertFollows(new Sgd(), SgdReference(0, false), Constant(0.01f));

    [Fact]
    public void Sgd_Momentum() => AssertFollows(new Sgd(0.05f, momentum: 0.8f), SgdReference(0.8f, false), Constant(0.05f));

    [Fact]
    public void Sgd_Nesterov() => AssertFollows(new Sgd(0.05f, 0.7f, nesterov: true), SgdReference(0.7f, true), Constant(0.05f));

    [Fact]
    public void Sgd_NesterovWithChangingLearningRate() =>
        AssertFollows(new Sgd(0.05f, 0.9f, nesterov: true), SgdReference(0.9f, true), ChangingRates);

    // ---- Adagrad ----

    private static ReferenceStep AdagradReference(double initialAccumulator, double epsilon)
    {
        var accumulator = new double[Length];
        Array.Fill(accumulator, initialAccumulator);
        return (w, g, t, lr) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                accumulator[i] += g[i] * g[i];
                w[i] -= lr * g[i] / Math.Sqrt(accumulator[i] + epsilon);
            }
        };
    }

    [Fact]
    public void Adagrad_Defaults() => AssertFollows(new Adagrad(), AdagradReference(0.1f, 1e-7f), Constant(0.001f));

    [Fact]
    public void Adagrad_EpsilonInsideRoot() =>
        AssertFollows(new Adagrad(0.1f, 0.0f, 0.5f), AdagradReference(0.0f, 0.5f), ChangingRates);

    // ---- RMSprop ----

    private static ReferenceStep RmsPropReference(double rho, double momentum, double epsilon, bool centered)
    {
        var velocity = new double[Length];
        var average = new double[Length];
        var moment = new double[Length];
        return (w, g, t, lr) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                velocity[i] = rho * velocity[i] + (1 - rho) * g[i] * g[i];
                double denominator = velocity[i] + epsilon;
                if (centered)
                {
                    average[i] = rho * average[i] + (1 - rho) * g[i];
                    denominator -= average[i] * average[i];
                }
                double increment = lr * g[i] / Math.Sqrt(denominator);
                if (momentum > 0)
                {
                    moment[i] = momentum * moment[i] + increment;
                    increment = moment[i];
                }
                w[i] -= increment;
            }
        };
    }

    [Fact]
    public void RmsProp_Defaults() => AssertFollows(new RmsProp(), RmsPropReference(0.9f, 0, 1e-7f, false), Constant(0.001f));

    [Fact]
    public void RmsProp_Momentum() =>
        AssertFollows(new RmsProp(0.01f, 0.8f, momentum: 0.5f, epsilon: 1e-3f), RmsPropReference(0.8f, 0.5f, 1e-3f, false), Constant(0.01f));

    [Fact]
    public void RmsProp_Centered() =>
        AssertFollows(new RmsProp(0.01f, 0.85f, epsilon: 1e-3f, centered: true), RmsPropReference(0.85f, 0, 1e-3f, true), Constant(0.01f));

    [Fact]
    public void RmsProp_CenteredWithMomentumAndChangingLearningRate() =>
        AssertFollows(new RmsProp(0.01f, 0.85f, 0.6f, 1e-3f, centered: true), RmsPropReference(0.85f, 0.6f, 1e-3f, true), ChangingRates);

    // ---- Adam / AdamW ----

    private static ReferenceStep AdamReference(double beta1, double beta2, double epsilon, bool amsgrad, double weightDecay = 0)
    {
        var m = new double[Length];
        var v = new double[Length];
        var vMax = new double[Length];
        return (w, g, t, lr) =>
        {
            // Keras folds both bias corrections into the step size, leaving ε outside the corrected root.
            double alpha = lr * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t));
            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= w[i] * weightDecay * lr;
                m[i] += (g[i] - m[i]) * (1 - beta1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
                vMax[i] = Math.Max(vMax[i], v[i]);
                double second = amsgrad ? vMax[i] : v[i];
                w[i] -= m[i] * alpha / (Math.Sqrt(second) + epsilon);
            }
        };
    }

    [Fact]
    public void Adam_Defaults() => AssertFollows(new Adam(), AdamReference(0.9f, 0.999f, 1e-7f, false), Constant(0.001f));

    [Fact]
    public void Adam_EpsilonOutsideCorrectedRoot() =>
        AssertFollows(new Adam(0.02f, 0.8f, 0.95f, 0.05f), AdamReference(0.8f, 0.95f, 0.05f, false), Constant(0.02f));

    [Fact]
    public void Adam_Amsgrad() =>
        AssertFollows(new Adam(0.02f, 0.85f, 0.9f, 1e-4f, amsgrad: true), AdamReference(0.85f, 0.9f, 1e-4f, true), ChangingRates);

    [Fact]
    public void AdamW_Defaults() =>
        AssertFollows(new AdamW(), AdamReference(0.9f, 0.999f, 1e-7f, false, weightDecay: 0.004f), Constant(0.001f));

    [Fact]
    public void AdamW_DecayScalesWithLearningRate() =>
        AssertFollows(new AdamW(0.02f, weightDecay: 0.5f, beta1: 0.8f, beta2: 0.95f, epsilon: 1e-3f),
            AdamReference(0.8f, 0.95f, 1e-3f, false, weightDecay: 0.5f), ChangingRates);

    [Fact]
    public void AdamW_Amsgrad() =>
        AssertFollows(new AdamW(0.02f, 0.1f, 0.85f, 0.9f, 1e-4f, amsgrad: true),
            AdamReference(0.85f, 0.9f, 1e-4f, true, weightDecay: 0.1f), Constant(0.02f));

    // ---- Nadam ----

    private static ReferenceStep NadamReference(double beta1, double beta2, double epsilon)
    {
        var m = new double[Length];
        var v = new double[Length];
        double uProduct = 1;
        return (w, g, t, lr) =>
        {
            double uT = beta1 * (1 - 0.5 * Math.Pow(0.96, t));
            double uNext = beta1 * (1 - 0.5 * Math.Pow(0.96, t + 1));
            uProduct *= uT;
            double uProductNext = uProduct * uNext;
            for (int i = 0; i < w.Length; i++)
            {
                m[i] += (g[i] - m[i]) * (1 - beta1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
                double mHat = uNext * m[i] / (1 - uProductNext) + (1 - uT) * g[i] / (1 - uProduct);
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                w[i] -= mHat * lr / (Math.Sqrt(vHat) + epsilon);
            }
        };
    }

    [Fact]
    public void Nadam_Defaults() => AssertFollows(new Nadam(), NadamReference(0.9f, 0.999f, 1e-7f), Constant(0.001f));

    [Fact]
    public void Nadam_CustomWithChangingLearningRate() =>
        AssertFollows(new Nadam(0.02f, 0.85f, 0.95f, 1e-3f), NadamReference(0.85f, 0.95f, 1e-3f), ChangingRates);

    [Fact]
    public void Nadam_ManySteps()
    {
        // Enough steps for the momentum schedule to move well away from its start.
        var rates = new float[40];
        Array.Fill(rates, 0.003f);
        AssertFollows(new Nadam(), NadamReference(0.9f, 0.999f, 1e-7f), rates);
    }

    // ---- Adamax ----

    private static ReferenceStep AdamaxReference(double beta1, double beta2, double epsilon)
    {
        var m = new double[Length];
        var u = new double[Length];
        return (w, g, t, lr) =>
        {
            for (int i = 0; i < w.Length; i++)
            {
                m[i] += (g[i] - m[i]) * (1 - beta1);
                u[i] = Math.Max(beta2 * u[i], Math.Abs(g[i]));
                w[i] -= lr * m[i] / ((1 - Math.Pow(beta1, t)) * (u[i] + epsilon));
            }
        };
    }

    [Fact]
    public void Adamax_Defaults() => AssertFollows(new Adamax(), AdamaxReference(0.9f, 0.999f, 1e-7f), Constant(0.001f));

    [Fact]
    public void Adamax_CustomWithChangingLearningRate() =>
        AssertFollows(new Adamax(0.02f, 0.8f, 0.9f, 0.05f), AdamaxReference(0.8f, 0.9f, 0.05f), ChangingRates);

    // ---- Defaults as Keras 3 documents them ----

    [Fact]
    public void Defaults_MatchKeras()
    {
        var sgd = new Sgd();
        Assert.Equal((0.01f, 0f, false), (sgd.LearningRate, sgd.Momentum, sgd.Nesterov));
        var adagrad = new Adagrad();
        Assert.Equal((0.001f, 0.1f, 1e-7f), (adagrad.LearningRate, adagrad.InitialAccumulatorValue, adagrad.Epsilon));
        var rms = new RmsProp();
        Assert.Equal((0.001f, 0.9f, 0f, 1e-7f, false), (rms.LearningRate, rms.Rho, rms.Momentum, rms.Epsilon, rms.Centered));
        var adam = new Adam();
        Assert.Equal((0.001f, 0.9f, 0.999f, 1e-7f, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.Amsgrad));
        var adamW = new AdamW();
        Assert.Equal((0.001f, 0.004f, 0.9f, 0.999f, 1e-7f, false),
            (adamW.LearningRate, adamW.WeightDecay, adamW.Beta1, adamW.Beta2, adamW.Epsilon, adamW.Amsgrad));
        var nadam = new Nadam();
        Assert.Equal((0.001f, 0.9f, 0.999f, 1e-7f), (nadam.LearningRate, nadam.Beta1, nadam.Beta2, nadam.Epsilon));
        var adamax = new Adamax();
        Assert.Equal((0.001f, 0.9f, 0.999f, 1e-7f), (adamax.LearningRate, adamax.Beta1, adamax.Beta2, adamax.Epsilon));
    }
}
