using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Regularization;

namespace MLExtensions.Engine.Tests.Regularization;

public class WeightPenaltyTests
{
    public static IEnumerable<object[]> Lengths => Enumerable.Range(1, 67).Select(n => new object[] { n });

    private static float[] RandomWeights(int length, int seed)
    {
        var random = new Random(seed);
        var weights = new float[length];
        for (int i = 0; i < length; i++)
            weights[i] = (float)(random.NextDouble() * 4 - 2);
        // Exact zeros and negative zeros exercise sign(0) = 0 in every position class.
        for (int i = 0; i < length; i += 5)
            weights[i] = i % 10 == 0 ? 0f : -0f;
        return weights;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ElasticNetMatchesANaiveLoop(int length)
    {
        const float l1 = 0.03f, l2 = 0.07f;
        var weights = RandomWeights(length, length);
        var gradients = RandomWeights(length, 1000 + length);
        var expected = new float[length];
        double expectedPenalty = 0;
        for (int i = 0; i < length; i++)
        {
            float w = weights[i];
            float sign = w > 0f ? 1f : w < 0f ? -1f : 0f;
            expected[i] = gradients[i] + (l1 * sign + 2f * l2 * w);
            expectedPenalty += l1 * Math.Abs((double)w) + l2 * (double)w * w;
        }

        WeightPenalty.ElasticNet(l1, l2).AddGradient(weights, gradients);
        double penalty = WeightPenalty.ElasticNet(l1, l2).Value(weights);

        Assert.Equal(expectedPenalty, penalty, Math.Abs(expectedPenalty) * 1e-12 + 1e-15);
        Assert.Equal(expected, gradients);
    }

    [Theory]
    [InlineData(0.05f, 0f)]
    [InlineData(0f, 0.05f)]
    [InlineData(0.02f, 0.3f)]
    public void GradientMatchesCentralFiniteDifferencesOfThePenalty(float l1, float l2)
    {
        var penalty = new WeightPenalty(l1, l2);
        var random = new Random(5);
        var weights = new float[37];
        for (int i = 0; i < weights.Length; i++)
            // Away from 0, where |w| has its kink.
            weights[i] = (float)((0.1 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1));
        var gradients = new float[weights.Length];
        penalty.AddGradient(weights, gradients);

        var perturbed = (float[])weights.Clone();
        for (int i = 0; i < weights.Length; i++)
        {
            // Divided by the step the floats actually took, so rounding of w ± h does not bias the estimate.
            float plus = (float)(weights[i] + 1e-2), minus = (float)(weights[i] - 1e-2);
            perturbed[i] = plus;
            double high = penalty.Value(perturbed);
            perturbed[i] = minus;
            double low = penalty.Value(perturbed);
            perturbed[i] = weights[i];
            double numeric = (high - low) / ((double)plus - minus);
            Assert.Equal(numeric, gradients[i], 1e-5 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    [Fact]
    public void SignOfZeroIsZero()
    {
        float[] weights = [0f, -0f, 0f];
        float[] gradients = [1f, 2f, 3f];
        WeightPenalty.L1(0.5f).AddGradient(weights, gradients);
        Assert.Equal(0.0, WeightPenalty.L1(0.5f).Value(weights));
        Assert.Equal(new[] { 1f, 2f, 3f }, gradients);
    }

    [Fact]
    public void L2FollowsTheKerasConventionWithoutAHalf()
    {
        float[] weights = [3f];
        float[] gradients = [0f];
        WeightPenalty.L2(0.1f).AddGradient(weights, gradients);
        Assert.Equal(0.1f * 9.0, WeightPenalty.L2(0.1f).Value(weights), 1e-12);
        Assert.Equal(2 * 0.1f * 3f, gradients[0]);
    }

    [Fact]
    public void NonFiniteWeightsShowInThePenalty()
    {
        var weights = new float[20];
        weights[17] = float.NaN;
        Assert.True(double.IsNaN(WeightPenalty.L1().Value(weights)));
        weights[17] = float.PositiveInfinity;
        Assert.Equal(double.PositiveInfinity, WeightPenalty.L1().Value(weights));
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        Assert.Equal("l1", Assert.ThrowsAny<ArgumentException>(() => new WeightPenalty(-0.1f, 0f)).ParamName);
        Assert.Equal("l2", Assert.ThrowsAny<ArgumentException>(() => new WeightPenalty(0f, float.NaN)).ParamName);
        Assert.Equal("l2", Assert.ThrowsAny<ArgumentException>(() => WeightPenalty.L2(float.PositiveInfinity)).ParamName);
        Assert.Equal("gradients", Assert.Throws<ArgumentException>(() => WeightPenalty.L2().AddGradient(new float[3], new float[4])).ParamName);
    }

    [Fact]
    public void FactoriesUseKerasDefaults()
    {
        Assert.Equal((0.01f, 0f), (WeightPenalty.L1().L1Factor, WeightPenalty.L1().L2Factor));
        Assert.Equal((0f, 0.01f), (WeightPenalty.L2().L1Factor, WeightPenalty.L2().L2Factor));
        Assert.Equal((0.01f, 0.01f), (WeightPenalty.ElasticNet().L1Factor, WeightPenalty.ElasticNet().L2Factor));
    }

    [Theory]
    [InlineData(0.003f, 0f, "l1")]
    [InlineData(0f, 0.004f, "l2")]
    [InlineData(0.001f, 0.002f, "l1_l2")]
    [InlineData(0f, 0f, "l1_l2")]
    public void ConfigRoundTrip(float l1, float l2, string name)
    {
        var config = new WeightPenalty(l1, l2).GetConfig();
        Assert.Equal(name, config.Name);
        var rebuilt = WeightPenalty.FromConfig(config);
        Assert.Equal((l1, l2), (rebuilt.L1Factor, rebuilt.L2Factor));
        Assert.Equal(config, rebuilt.GetConfig());
    }

    [Fact]
    public void BadConfigsFailLoudly()
    {
        Assert.Throws<ArgumentException>(() => WeightPenalty.FromConfig(new ComponentConfig("l3")));
        Assert.Throws<ArgumentException>(() => WeightPenalty.FromConfig(new ComponentConfig("l1", [new("l2", 0.1)])));
        Assert.Equal(0.01f, WeightPenalty.FromConfig(new ComponentConfig("l2")).L2Factor);
    }
}
