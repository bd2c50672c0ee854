using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Losses;

namespace MLExtensions.Engine.Tests.Losses;

public class LossTests
{
    private static float[] Gaussian(int n, int seed, double scale = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(scale * (random.NextDouble() * 2 - 1) * 2)).ToArray();
    }

    /// <summary>The engine's gradient against central differences of the double-precision reference.</summary>
    private static void AssertGradientMatches(Loss loss, float[] outputs, float[] targets, float[]? weights, int batch, int width, Func<double[], double> reference)
    {
        var gradient = new float[outputs.Length];
        double value = loss.Evaluate(outputs, targets, weights ?? [], batch, width, gradient);
        var z = outputs.Select(v => (double)v).ToArray();
        double expectedValue = reference(z);
        Assert.True(Math.Abs(value - expectedValue) <= 1e-5 * Math.Abs(expectedValue) + 1e-7, $"loss {value:R}, reference {expectedValue:R}");
        double scale = gradient.Max(Math.Abs);
        for (int i = 0; i < z.Length; i++)
        {
            const double h = 1e-5;
            double saved = z[i];
            z[i] = saved + h;
            double plus = reference(z);
            z[i] = saved - h;
            double minus = reference(z);
            z[i] = saved;
            double expected = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(gradient[i] - expected) <= 1e-4 * Math.Abs(expected) + 1e-5 * scale,
                $"{loss.Name}: ∂/∂output[{i}] = {gradient[i]:R}, finite differences give {expected:R}");
        }
    }

    [Theory]
    [InlineData(0.0, false, false)]
    [InlineData(0.0, true, false)]
    [InlineData(0.1, true, true)]
    [InlineData(0.3, false, true)]
    public void SoftmaxCrossEntropyGradientMatchesFiniteDifferences(double smoothing, bool exampleWeights, bool classWeights)
    {
        const int batch = 7, width = 5;
        var outputs = Gaussian(batch * width, 1, 2);
        var targets = Enumerable.Range(0, batch).Select(i => (float)(i * 3 % width)).ToArray();
        float[]? weights = exampleWeights ? [0.5f, 2f, 1f, 0f, 3f, 0.25f, 1.5f] : null;
        float[]? perClass = classWeights ? [1f, 2f, 0.5f, 3f, 1.25f] : null;
        var loss = new SoftmaxCrossEntropyLoss(smoothing, perClass);
        AssertGradientMatches(loss, outputs, targets, weights, batch, width,
            z => ReferenceLosses.SoftmaxCrossEntropy(z, targets, weights, perClass, smoothing, batch, width));
    }

    [Theory]
    [InlineData(0.0, false, false)]
    [InlineData(0.0, true, true)]
    [InlineData(0.2, true, true)]
    public void BinaryCrossEntropyGradientMatchesFiniteDifferences(double smoothing, bool exampleWeights, bool classWeights)
    {
        const int batch = 37;
        var outputs = Gaussian(batch, 2, 3);
        var targets = Enumerable.Range(0, batch).Select(i => i % 5 == 0 ? 0.3f : i % 2).Select(v => (float)v).ToArray();
        float[]? weights = exampleWeights ? Gaussian(batch, 3).Select(v => Math.Abs(v)).ToArray() : null;
        float[]? perClass = classWeights ? [0.4f, 2.5f] : null;
        var loss = new BinaryCrossEntropyLoss(smoothing, perClass);
        AssertGradientMatches(loss, outputs, targets, weights, batch, 1,
            z => ReferenceLosses.BinaryCrossEntropy(z, targets, weights, perClass, smoothing, batch));
    }

    [Theory]
    [InlineData("mean_squared_error", false)]
    [InlineData("mean_squared_error", true)]
    [InlineData("mean_absolute_error", true)]
    [InlineData("huber", true)]
    [InlineData("huber", false)]
    public void RegressionGradientsMatchFiniteDifferences(string name, bool exampleWeights)
    {
        const int batch = 6, width = 19;
        var outputs = Gaussian(batch * width, 4, 1.5);
        var targets = Gaussian(batch * width, 5);
        float[]? weights = exampleWeights ? [1f, 0.5f, 0f, 2f, 3f, 0.75f] : null;
        var loss = name == "huber" ? new HuberLoss(0.7) : Loss.FromName(name);
        AssertGradientMatches(loss, outputs, targets, weights, batch, width,
            z => ReferenceLosses.Regression(name, z, targets, weights, 0.7, batch, width));
    }

    [Fact]
    public void ValuesMatchHandComputedCases()
    {
        var ce = new SoftmaxCrossEntropyLoss();
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 3, ce.Evaluate([1f, 2f, 3f], [2f], [], 1, 3, []), 6);
        // Two examples weighted 1 and 3: (1·l₀ + 3·l₁)/4.
        double l0 = Math.Log(2), l1 = Math.Log(1 + Math.Exp(-2));
        Assert.Equal((l0 + 3 * l1) / 4, ce.Evaluate([0f, 0f, 0f, 2f], [0f, 1f], [1f, 3f], 2, 2, []), 6);
        // Smoothing 0.3 over 2 classes: targets 0.85/0.15 on equal logits still give log 2.
        Assert.Equal(Math.Log(2), new SoftmaxCrossEntropyLoss(0.3).Evaluate([5f, 5f], [0f], [], 1, 2, []), 6);

        var bce = new BinaryCrossEntropyLoss();
        Assert.Equal(Math.Log(2), bce.Evaluate([0f], [1f], [], 1, 1, []), 6);
        Assert.Equal(Math.Log(1 + Math.Exp(-2)), bce.Evaluate([2f], [1f], [], 1, 1, []), 6);
        Assert.Equal(Math.Log(1 + Math.Exp(2)), bce.Evaluate([2f], [0f], [], 1, 1, []), 6);

        // Per example: mean over its outputs; then the plain mean over examples.
        Assert.Equal(((1 + 4) / 2.0 + 9 / 2.0) / 2, new MeanSquaredErrorLoss().Evaluate([1f, 2f, 3f, 0f], [0f, 0f, 0f, 0f], [], 2, 2, []), 6);
        Assert.Equal(((1 + 2) / 2.0 + 3 / 2.0) / 2, new MeanAbsoluteErrorLoss().Evaluate([1f, -2f, 3f, 0f], [0f, 0f, 0f, 0f], [], 2, 2, []), 6);
        Assert.Equal((0.5 * 0.25 + (3 - 0.5)) / 2, new HuberLoss().Evaluate([0.5f, 3f], [0f, 0f], [], 1, 2, []), 6);
        Assert.Equal((0.5 * 0.25 + 2 * (3 - 1)) / 2, new HuberLoss(2).Evaluate([0.5f, 3f], [0f, 0f], [], 1, 2, []), 6);
    }

    [Fact]
    public void ClassWeightsWeighTheMeanByTheTargetClass()
    {
        var weighted = new SoftmaxCrossEntropyLoss(classWeights: [1f, 3f]);
        double l0 = Math.Log(2), l1 = Math.Log(1 + Math.Exp(-2));
        Assert.Equal((l0 + 3 * l1) / 4, weighted.Evaluate([0f, 0f, 0f, 2f], [0f, 1f], [], 2, 2, []), 6);
        var binary = new BinaryCrossEntropyLoss(classWeights: [2f, 1f]);
        Assert.Equal((2 * Math.Log(1 + Math.Exp(1)) + Math.Log(2)) / 3, binary.Evaluate([1f, 0f], [0f, 1f], [], 2, 1, []), 6);
    }

    [Fact]
    public void ExtremeLogitsStayFinite()
    {
        var gradient = new float[6];
        double ce = new SoftmaxCrossEntropyLoss(0.1).Evaluate([100f, -100f, 0f, -100f, 100f, 100f], [1f, 0f], [], 2, 3, gradient);
        Assert.True(double.IsFinite(ce));
        Assert.All(gradient, g => Assert.True(float.IsFinite(g)));
        // Row 0 misses by 200 logits, row 1 by 200 as well (two tied winners): both ≈ 200 before smoothing.
        Assert.InRange(ce, 150, 250);

        var binaryGradient = new float[4];
        double bce = new BinaryCrossEntropyLoss().Evaluate([100f, -100f, 100f, -100f], [0f, 1f, 1f, 0f], [], 4, 1, binaryGradient);
        // Two examples miss by 100 logits, two are right: the mean is 50.
        Assert.Equal(50, bce, 4);
        Assert.All(binaryGradient, g => Assert.True(float.IsFinite(g)));
        Assert.Equal([0.25f, -0.25f, 0f, 0f], binaryGradient);

        var probabilities = new float[3];
        new SoftmaxCrossEntropyLoss().OutputTransform([100f, -100f, 0f], probabilities, 1, 3);
        Assert.Equal(1f, probabilities[0]);
        Assert.Equal(1f, probabilities.Sum(), 6);
    }

    [Fact]
    public void LossWithoutGradientEqualsLossWithGradientOnWideRows()
    {
        // 300 classes exceed one internal chunk, so the no-gradient path sums exponentials chunk by chunk.
        const int batch = 3, width = 300;
        var outputs = Gaussian(batch * width, 8, 10);
        float[] targets = [0f, 150f, 299f];
        var loss = new SoftmaxCrossEntropyLoss(0.05);
        double withGradient = loss.Evaluate(outputs, targets, [], batch, width, new float[batch * width]);
        double without = loss.Evaluate(outputs, targets, [], batch, width, []);
        Assert.Equal(withGradient, without, 5);
        var z = outputs.Select(v => (double)v).ToArray();
        Assert.Equal(ReferenceLosses.SoftmaxCrossEntropy(z, targets, null, null, 0.05, batch, width), without, 5);

        var mse = new MeanSquaredErrorLoss();
        var regressionTargets = Gaussian(batch * width, 9);
        Assert.Equal(
            mse.Evaluate(outputs, regressionTargets, [], batch, width, new float[batch * width]),
            mse.Evaluate(outputs, regressionTargets, [], batch, width, []), 8);
    }

    [Fact]
    public void BuffersSizedForALargerBatchAreUsedOnlyUpToTheBatch()
    {
        var loss = new SoftmaxCrossEntropyLoss();
        var gradient = Enumerable.Repeat(7f, 8).ToArray();
        double value = loss.Evaluate([1f, 2f, 0f, 0f, 9f, 9f], [1f, 0f, 5f], [1f, 1f, -3f], 2, 2, gradient);
        Assert.Equal((Math.Log(1 + Math.Exp(-1)) + Math.Log(2)) / 2, value, 6);
        Assert.Equal([7f, 7f, 7f, 7f], gradient[4..]);
        var predictions = Enumerable.Repeat(7f, 3).ToArray();
        new MeanSquaredErrorLoss().OutputTransform([1f, 2f, 3f], predictions, 2, 1);
        Assert.Equal([1f, 2f, 7f], predictions);
    }

    [Fact]
    public void OutputTransformsGiveWhatAUserSees()
    {
        var softmax = new float[4];
        new SoftmaxCrossEntropyLoss().OutputTransform([0f, 0f, 1f, 3f], softmax, 2, 2);
        Assert.Equal(0.5f, softmax[0], 6);
        Assert.Equal(1 / (1 + Math.Exp(2)), softmax[2], 6);

        float[] logits = [0f, 2f];
        new BinaryCrossEntropyLoss().OutputTransform(logits, logits, 2, 1);
        Assert.Equal(0.5f, logits[0]);
        Assert.Equal(1 / (1 + Math.Exp(-2)), logits[1], 6);

        var copy = new float[2];
        new HuberLoss().OutputTransform([1.5f, -2f], copy, 1, 2);
        Assert.Equal([1.5f, -2f], copy);
    }

    [Fact]
    public void InvalidTargetsAreRejectedNamingTheRow()
    {
        var ce = new SoftmaxCrossEntropyLoss();
        var outputs = new float[12];
        Assert.Contains("Row 2", Assert.Throws<ArgumentException>(() => ce.Evaluate(outputs, [0f, 1f, 3f, 2f], [], 4, 3, [])).Message);
        Assert.Contains("Row 1", Assert.Throws<ArgumentException>(() => ce.Evaluate(outputs, [0f, 1.5f, 0f, 2f], [], 4, 3, [])).Message);
        Assert.Contains("Row 0", Assert.Throws<ArgumentException>(() => ce.Evaluate(outputs, [-1f, 1f, 0f, 2f], [], 4, 3, [])).Message);
        Assert.Contains("Row 3", Assert.Throws<ArgumentException>(() => ce.Evaluate(outputs, [0f, 1f, 0f, float.NaN], [], 4, 3, [])).Message);

        var bce = new BinaryCrossEntropyLoss();
        Assert.Contains("Row 1", Assert.Throws<ArgumentException>(() => bce.Evaluate(new float[3], [0f, 1.5f, 1f], [], 3, 1, [])).Message);
        Assert.Contains("Row 2", Assert.Throws<ArgumentException>(() => bce.Evaluate(new float[3], [0f, 1f, -0.1f], [], 3, 1, [])).Message);
    }

    [Fact]
    public void InvalidWeightsAndShapesAreRejected()
    {
        var mse = new MeanSquaredErrorLoss();
        Assert.Throws<ArgumentException>(() => mse.Evaluate(new float[4], new float[4], [0f, 0f], 2, 2, []));
        Assert.Contains("Row 1", Assert.Throws<ArgumentException>(() => mse.Evaluate(new float[4], new float[4], [1f, -1f], 2, 2, [])).Message);
        Assert.Throws<ArgumentException>(() => mse.Evaluate(new float[4], new float[4], [1f, float.NaN], 2, 2, []));
        Assert.Throws<ArgumentException>(() => mse.Evaluate(new float[4], new float[3], [], 2, 2, []));
        Assert.Throws<ArgumentException>(() => mse.Evaluate(new float[4], new float[4], [1f], 2, 2, []));
        Assert.Throws<ArgumentException>(() => mse.Evaluate(new float[4], new float[4], [], 2, 2, new float[3]));
        var shared = new float[4];
        Assert.Throws<ArgumentException>(() => mse.Evaluate(shared, new float[4], [], 2, 2, shared));

        Assert.Throws<ArgumentException>(() => new SoftmaxCrossEntropyLoss().Evaluate(new float[2], [0f, 0f], [0f, 0f], 2, 1, []));
        Assert.Throws<ArgumentException>(() => new SoftmaxCrossEntropyLoss(classWeights: [1f, 2f]).Evaluate(new float[3], [0f], [], 1, 3, []));
        Assert.Throws<ArgumentException>(() => new BinaryCrossEntropyLoss().Evaluate(new float[4], [0f, 1f], [], 2, 2, []));
        Assert.Throws<ArgumentException>(() => new BinaryCrossEntropyLoss(classWeights: [1f, 2f, 3f]));
        Assert.Throws<ArgumentException>(() => new SoftmaxCrossEntropyLoss(classWeights: [1f, -2f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxCrossEntropyLoss(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(0));
    }

    [Fact]
    public void ConfigsRoundTrip()
    {
        foreach (var name in Loss.KnownNames)
        {
            var loss = Loss.FromName(name);
            Assert.Equal(name, loss.Name);
            Assert.Equal(loss.GetConfig(), Loss.FromConfig(loss.GetConfig()).GetConfig());
        }
        var huber = new HuberLoss(2.5);
        Assert.Equal(2.5, ((HuberLoss)Loss.FromConfig(huber.GetConfig())).Delta);

        var ce = new SoftmaxCrossEntropyLoss(0.1, [1f, 2f, 3f]);
        var rebuilt = (SoftmaxCrossEntropyLoss)Loss.FromConfig(ce.GetConfig(), ce.ClassWeights);
        Assert.Equal(0.1, rebuilt.LabelSmoothing);
        Assert.Equal(ce.ClassWeights.ToArray(), rebuilt.ClassWeights.ToArray());
        var bce = (BinaryCrossEntropyLoss)Loss.FromConfig(new ComponentConfig("binary_cross_entropy", [new("label_smoothing", 0.2)]), [1f, 4f]);
        Assert.Equal(0.2, bce.LabelSmoothing);
        Assert.Equal([1f, 4f], bce.ClassWeights.ToArray());
    }

    [Fact]
    public void UnknownNamesParametersAndMisplacedClassWeightsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Loss.FromName("hinge"));
        Assert.Contains("huber", error.Message);
        Assert.Throws<ArgumentException>(() => Loss.FromConfig(new ComponentConfig("huber", [new("epsilon", 1)])));
        Assert.Throws<ArgumentException>(() => Loss.FromConfig(new ComponentConfig("mean_squared_error"), [1f, 2f]));
    }

    [Fact]
    public void TwoClassWeightsForThreeClassesAreRefusedByTheTotalWeightAsByEvaluate()
    {
        var loss = new SoftmaxCrossEntropyLoss(classWeights: [1f, 2f]);
        float[] targets = [2f];
        var total = Assert.Throws<ArgumentException>(() => loss.TotalWeight(targets, [], 1, 3));
        var evaluate = Assert.Throws<ArgumentException>(() => loss.Evaluate(new float[3], targets, [], 1, 3, Span<float>.Empty));
        Assert.Contains("There are 2 class weights for 3 classes", total.Message);
        Assert.Equal(total.Message, evaluate.Message);
    }

    [Fact]
    public void TheTotalWeightIsTheSumEvaluateDividesBy()
    {
        // Hand computation: example weights 2 and 3 times class weights 0.5 (class 0) and 4 (class 2) = 1 + 12.
        var loss = new SoftmaxCrossEntropyLoss(classWeights: [0.5f, 1f, 4f]);
        Assert.Equal(13, loss.TotalWeight([0f, 2f], [2f, 3f], 2, 3));
        Assert.Equal(2, new BinaryCrossEntropyLoss(classWeights: [1f, 0f]).TotalWeight([0f, 1f, 1f, 0f], [], 4, 1));
        Assert.Equal(5, new MeanSquaredErrorLoss().TotalWeight(new float[4], [2f, 3f], 2, 2));
    }
}
