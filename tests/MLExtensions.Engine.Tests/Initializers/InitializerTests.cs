using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Initializers;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Tests.Initializers;

public class InitializerTests
{
    private const int FanIn = 400, FanOut = 300;

    public static TheoryData<string> Names() => new(Initializer.KnownNames);

    private static float[] Draw(Initializer initializer, ulong seed, int fanIn = FanIn, int fanOut = FanOut)
    {
        var weights = new float[fanIn * fanOut];
        initializer.Initialize(weights, fanIn, fanOut, new RandomSource(seed));
        return weights;
    }

    private static (double Mean, double Variance) Moments(float[] values)
    {
        double mean = values.Average(v => (double)v);
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, variance);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TheSameSeedGivesTheSameWeights(string name)
    {
        var initializer = Initializer.FromName(name);
        Assert.Equal(Draw(initializer, 42, 30, 20), Draw(initializer, 42, 30, 20));
        if (name is not ("zeros" or "ones" or "constant"))
            Assert.NotEqual(Draw(initializer, 42, 30, 20), Draw(initializer, 43, 30, 20));
    }

    /// <summary>name, expected mean, expected variance on a 400 × 300 matrix.</summary>
    public static TheoryData<Initializer, double, double> Distributions() => new()
    {
        { new RandomNormal(), 0, 0.05 * 0.05 },
        { new RandomNormal(1.5, 0.2), 1.5, 0.04 },
        { new RandomUniform(), 0, 0.1 * 0.1 / 12 },
        { new RandomUniform(2, 5), 3.5, 9.0 / 12 },
        // Truncating N(0, σ²) at ±2σ leaves variance σ²·0.8796…².
        { new TruncatedNormal(), 0, Math.Pow(0.05 * 0.87962566103423978, 2) },
        { new TruncatedNormal(-1, 0.5), -1, Math.Pow(0.5 * 0.87962566103423978, 2) },
        { new GlorotNormal(), 0, 2.0 / (FanIn + FanOut) },
        { new GlorotUniform(), 0, 2.0 / (FanIn + FanOut) },
        { new HeNormal(), 0, 2.0 / FanIn },
        { new HeUniform(), 0, 2.0 / FanIn },
        { new LecunNormal(), 0, 1.0 / FanIn },
        { new LecunUniform(), 0, 1.0 / FanIn },
        { new Orthogonal(), 0, 1.0 / FanIn },
    };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void EmpiricalMomentsMatchTheTheory(Initializer initializer, double mean, double variance)
    {
        var (sampleMean, sampleVariance) = Moments(Draw(initializer, 7));
        // The sample mean's standard error is √(variance/n); allow five of them.
        Assert.InRange(sampleMean, mean - 5 * Math.Sqrt(variance / (FanIn * FanOut)), mean + 5 * Math.Sqrt(variance / (FanIn * FanOut)));
        Assert.InRange(sampleVariance / variance, 0.97, 1.03);
    }

    [Fact]
    public void TruncatedAndUniformDrawsRespectTheirBounds()
    {
        Assert.All(Draw(new TruncatedNormal(1, 0.5), 3), v => Assert.InRange(v, 1 - 2 * 0.5 - 1e-6, 1 + 2 * 0.5 + 1e-6));
        foreach (var (initializer, fan) in new (VarianceScaling, double)[] { (new HeNormal(), FanIn), (new LecunNormal(), FanIn), (new GlorotNormal(), (FanIn + FanOut) / 2.0) })
        {
            double bound = 2 * Math.Sqrt(initializer.Scale / fan) / 0.87962566103423978;
            var weights = Draw(initializer, 5);
            Assert.All(weights, v => Assert.InRange(v, -bound * (1 + 1e-6), bound * (1 + 1e-6)));
            // Truncation, not clipping: nothing piles up at the bound.
            Assert.True(weights.Count(v => Math.Abs(v) > 0.999 * bound) < weights.Length / 1000);
        }
        double limit = Math.Sqrt(6.0 / FanIn);
        Assert.All(Draw(new HeUniform(), 6), v => Assert.InRange(v, -limit, limit));
        Assert.All(Draw(new RandomUniform(2, 5), 6), v => Assert.InRange(v, 2f, 5f));
    }

    [Fact]
    public void ConstantsFillEverything()
    {
        Assert.All(Draw(new Zeros(), 1, 3, 4), v => Assert.Equal(0f, v));
        Assert.All(Draw(new Ones(), 1, 3, 4), v => Assert.Equal(1f, v));
        Assert.All(Draw(new Constant(0.25), 1, 3, 4), v => Assert.Equal(0.25f, v));
    }

    [Fact]
    public void ABiasOfAnyLengthIsFilledWithTheScaleOfTheFans()
    {
        var bias = new float[300];
        new HeUniform().Initialize(bias, FanIn, FanOut, new RandomSource(1));
        double limit = Math.Sqrt(6.0 / FanIn);
        Assert.All(bias, v => Assert.InRange(v, -limit, limit));
        Assert.Contains(bias, v => v != 0);
    }

    [Theory]
    [InlineData(400, 300, 1.0)]
    [InlineData(300, 400, 1.0)]
    [InlineData(64, 64, 2.0)]
    [InlineData(1, 50, 1.0)]
    public void OrthogonalHasOrthonormalColumnsOrRows(int fanIn, int fanOut, double gain)
    {
        var w = Draw(new Orthogonal(gain), 11, fanIn, fanOut);
        // Gram matrix of the columns (tall or square) or of the rows (wide): gain²·I.
        bool tall = fanIn >= fanOut;
        int k = Math.Min(fanIn, fanOut), m = Math.Max(fanIn, fanOut);
        double Entry(int vector, int i) => tall ? w[i * fanOut + vector] : w[vector * fanOut + i];
        for (int a = 0; a < k; a++)
            for (int b = 0; b <= a; b++)
            {
                double dot = 0;
                for (int i = 0; i < m; i++)
                    dot += Entry(a, i) * Entry(b, i);
                Assert.True(Math.Abs(dot - (a == b ? gain * gain : 0)) < 1e-5 * gain * gain, $"Gram[{a},{b}] = {dot}");
            }
    }

    [Fact]
    public void OrthogonalNeedsTheWholeMatrix()
    {
        Assert.Throws<ArgumentException>(() => new Orthogonal().Initialize(new float[10], 4, 3, new RandomSource(1)));
    }

    [Theory]
    [InlineData("relu", typeof(HeNormal))]
    [InlineData("leaky_relu", typeof(HeNormal))]
    [InlineData("prelu", typeof(HeNormal))]
    [InlineData("elu", typeof(HeNormal))]
    [InlineData("gelu", typeof(HeNormal))]
    [InlineData("silu", typeof(HeNormal))]
    [InlineData("mish", typeof(HeNormal))]
    [InlineData("selu", typeof(LecunNormal))]
    [InlineData("tanh", typeof(GlorotUniform))]
    [InlineData("sigmoid", typeof(GlorotUniform))]
    [InlineData("identity", typeof(GlorotUniform))]
    public void DefaultsFollowTheActivation(string activation, Type expected)
    {
        Assert.IsType(expected, Initializer.DefaultFor(activation));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ConfigRoundTrips(string name)
    {
        var initializer = Initializer.FromName(name);
        var config = initializer.GetConfig();
        Assert.Equal(name, config.Name);
        var rebuilt = Initializer.FromConfig(config);
        Assert.Equal(initializer.GetType(), rebuilt.GetType());
        Assert.Equal(config, rebuilt.GetConfig());
        Assert.Equal(Draw(initializer, 9, 12, 8), Draw(rebuilt, 9, 12, 8));
    }

    [Fact]
    public void ParametersSurviveTheRoundTripAndDefaultsAreKeras()
    {
        var normal = (RandomNormal)Initializer.FromConfig(new RandomNormal(0.5, 0.1).GetConfig());
        Assert.Equal((0.5, 0.1), (normal.Mean, normal.Stddev));
        var uniform = (RandomUniform)Initializer.FromConfig(new ComponentConfig("random_uniform", [new("minval", -1), new("maxval", 2)]));
        Assert.Equal((-1.0, 2.0), (uniform.MinValue, uniform.MaxValue));
        Assert.Equal(3.0, ((Orthogonal)Initializer.FromConfig(new Orthogonal(3).GetConfig())).Gain);
        Assert.Equal(-2.0, ((Constant)Initializer.FromConfig(new Constant(-2).GetConfig())).Value);
        Assert.Equal(0.05, ((TruncatedNormal)Initializer.FromName("truncated_normal")).Stddev);
        Assert.Equal(-0.05, ((RandomUniform)Initializer.FromName("random_uniform")).MinValue);
    }

    [Fact]
    public void UnknownNamesParametersAndArgumentsAreRejected()
    {
        Assert.Contains("glorot_uniform", Assert.Throws<ArgumentException>(() => Initializer.FromName("xavier")).Message);
        Assert.Throws<ArgumentException>(() => Initializer.FromConfig(new ComponentConfig("he_normal", [new("scale", 2)])));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomNormal(0, -1));
        Assert.Throws<ArgumentException>(() => new RandomUniform(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeNormal().Initialize(new float[4], 0, 4, new RandomSource(1)));
    }
}
