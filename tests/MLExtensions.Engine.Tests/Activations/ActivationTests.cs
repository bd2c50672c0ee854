using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Tests.Activations;

public class ActivationTests
{
    public static TheoryData<string> Names() => new(Activation.KnownNames);

    /// <summary>Large magnitudes, points near zero where cancellation would show, and moderate values.</summary>
    private static readonly float[] Points = BuildPoints();

    private static float[] BuildPoints()
    {
        var points = new List<float> { 0f, 1e-7f, -1e-7f, 1e-4f, -1e-4f, 1e-3f, -1e-3f, 0.3f, -0.3f, 0.49f, -0.51f, 1.5f, -2.5f,
            5f, -5f, 8f, -8f, 17f, -17f, 30f, -30f, 80f, -80f };
        var random = new Random(7);
        for (int i = 0; i < 120; i++)
            points.Add((float)(random.NextDouble() * 16 - 8));
        return [.. points];
    }

    /// <summary>Every length from 1 to 67, so each vector width's tail is exercised, cycling through the points.</summary>
    private static IEnumerable<float[]> Batches()
    {
        int next = 0;
        for (int length = 1; length <= 67; length++)
        {
            var x = new float[length];
            for (int i = 0; i < length; i++)
                x[i] = Points[next++ % Points.Length];
            yield return x;
        }
        yield return Points;
        // Longer than one internal chunk (256) so the chunked paths are exercised past their first chunk.
        var longBatch = new float[600];
        for (int i = 0; i < longBatch.Length; i++)
            longBatch[i] = Points[(i * 7) % Points.Length];
        yield return longBatch;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ForwardMatchesTheDoublePrecisionDefinition(string name)
    {
        var activation = Activation.FromName(name);
        foreach (var x in Batches())
        {
            var y = new float[x.Length];
            activation.Forward(x, y);
            for (int i = 0; i < x.Length; i++)
            {
                double expected = ReferenceActivations.Evaluate(name, x[i]);
                // A few ulps of the result, plus what a few-ulp change of x itself causes where f is
                // ill-conditioned (gelu_tanh near −8 amplifies relative input changes about 100-fold).
                double conditioning = 2e-7 * Math.Abs(x[i] * ReferenceActivations.Slope(name, x[i]));
                Assert.True(Math.Abs(y[i] - expected) <= 3e-6 * Math.Abs(expected) + conditioning + 1e-30,
                    $"{name}({x[i]:R}) = {y[i]:R}, expected {expected:R} (length {x.Length}, index {i})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void BackwardMatchesCentralFiniteDifferencesInDouble(string name)
    {
        var activation = Activation.FromName(name);
        var kinks = ReferenceActivations.Kinks(name);
        var random = new Random(name.Length);
        foreach (var x in Batches())
        {
            var y = new float[x.Length];
            activation.Forward(x, y);
            var g = new float[x.Length];
            for (int i = 0; i < g.Length; i++)
                g[i] = (float)(random.NextDouble() * 4 - 2);
            var dx = new float[x.Length];
            activation.Backward(x, y, g, dx);
            for (int i = 0; i < x.Length; i++)
            {
                if (kinks.Any(k => Math.Abs(x[i] - k) < 1e-3 * Math.Max(1, Math.Abs(x[i]))))
                    continue;
                double expected = g[i] * ReferenceActivations.Slope(name, x[i]);
                Assert.True(Math.Abs(dx[i] - expected) <= 1e-5 * Math.Abs(expected) + 2e-6 * Math.Abs(g[i]),
                    $"{name}'({x[i]:R}) · {g[i]:R} = {dx[i]:R}, finite differences give {expected:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void InPlaceResultsEqualOutOfPlaceResultsExactly(string name)
    {
        var activation = Activation.FromName(name);
        foreach (var x in Batches())
        {
            var y = new float[x.Length];
            activation.Forward(x, y);
            var inPlace = (float[])x.Clone();
            activation.Forward(inPlace, inPlace);
            Assert.Equal(y, inPlace);

            var g = x.Select((v, i) => 0.5f + i % 5).ToArray();
            var dx = new float[x.Length];
            activation.Backward(x, y, g, dx);
            activation.Backward(x, y, g, g);
            Assert.Equal(dx, g);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ExtremeInputsGiveFiniteValuesAndGradients(string name)
    {
        var activation = Activation.FromName(name);
        float[] x = [100f, -100f, 1e4f, -1e4f, 88.7f, -88.7f, 89f, -89f, 20.5f, -20.5f, float.Epsilon, -float.Epsilon];
        var y = new float[x.Length];
        activation.Forward(x, y);
        var dx = new float[x.Length];
        activation.Backward(x, y, Enumerable.Repeat(1f, x.Length).ToArray(), dx);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(float.IsFinite(y[i]), $"{name}({x[i]}) = {y[i]}");
            Assert.True(float.IsFinite(dx[i]), $"{name}'({x[i]}) = {dx[i]}");
        }
    }

    [Fact]
    public void DerivativesAtKinksFollowTheDocumentedConvention()
    {
        Assert.Equal([0f], Slopes(new Relu(), 0f));
        Assert.Equal([0.2f], Slopes(new LeakyRelu(), 0f));
        Assert.Equal([0.3f], Slopes(new LeakyRelu(0.3), 0f));
        Assert.Equal([0f, 0f, 1f / 6], Slopes(new HardSigmoid(), -3f, 3f, 0f));
        Assert.Equal([0f, 0f, 1f], Slopes(new HardTanh(), -1f, 1f, 0.5f));

        static float[] Slopes(Activation activation, params float[] x)
        {
            var y = new float[x.Length];
            activation.Forward(x, y);
            var dx = new float[x.Length];
            activation.Backward(x, y, Enumerable.Repeat(1f, x.Length).ToArray(), dx);
            return dx;
        }
    }

    [Fact]
    public void LeakyReluAndEluUseTheirParameters()
    {
        float[] x = [-2f, 3f];
        var y = new float[2];
        new LeakyRelu(0.5).Forward(x, y);
        Assert.Equal([-1f, 3f], y);
        new Elu(2).Forward(x, y);
        Assert.Equal(2 * (Math.Exp(-2) - 1), y[0], 6);
        Assert.Equal(3f, y[1]);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ConfigRoundTrips(string name)
    {
        var activation = Activation.FromName(name);
        var config = activation.GetConfig();
        Assert.Equal(name, config.Name);
        var rebuilt = Activation.FromConfig(config);
        Assert.Equal(activation.GetType(), rebuilt.GetType());
        Assert.Equal(config, rebuilt.GetConfig());
    }

    [Fact]
    public void ParametrizedConfigsRoundTripTheirValues()
    {
        var leaky = (LeakyRelu)Activation.FromConfig(new LeakyRelu(0.123).GetConfig());
        Assert.Equal(0.123, leaky.NegativeSlope);
        var elu = (Elu)Activation.FromConfig(new ComponentConfig("elu", [new("alpha", 0.7)]));
        Assert.Equal(0.7, elu.Alpha);
        Assert.Equal(new ComponentConfig("elu", [new("alpha", 0.7)]), elu.GetConfig());
        Assert.Equal(LeakyRelu.DefaultNegativeSlope, ((LeakyRelu)Activation.FromName("leaky_relu")).NegativeSlope);
    }

    [Fact]
    public void KindsAndAliasesMapToTheNamedActivations()
    {
        foreach (var kind in Enum.GetValues<ActivationKind>())
            Assert.Contains(Activation.FromKind(kind).Name, Activation.KnownNames);
        Assert.Equal(Activation.KnownNames.Count, Enum.GetValues<ActivationKind>().Select(k => Activation.FromKind(k).Name).Distinct().Count());
        Assert.IsType<Identity>(Activation.FromName("linear"));
        Assert.IsType<Silu>(Activation.FromName("swish"));
    }

    [Fact]
    public void UnknownNamesAndParametersAreRejectedWithTheKnownNames()
    {
        var error = Assert.Throws<ArgumentException>(() => Activation.FromName("relu7"));
        Assert.Contains("relu7", error.Message);
        Assert.Contains("gelu_tanh", error.Message);
        Assert.Contains("hard_sigmoid", error.Message);
        var parameter = Assert.Throws<ArgumentException>(() => Activation.FromConfig(new ComponentConfig("relu", [new("alpha", 1)])));
        Assert.Contains("alpha", parameter.Message);
        Assert.Throws<ArgumentException>(() => Activation.FromConfig(new ComponentConfig("leaky_relu", [new("alpha", 1)])));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyRelu(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Elu(double.NaN));
    }

    [Fact]
    public void MismatchedOrPartiallyOverlappingSpansAreRejected()
    {
        var activation = new Tanh();
        var buffer = new float[10];
        Assert.Throws<ArgumentException>(() => activation.Forward(new float[3], new float[4]));
        Assert.Throws<ArgumentException>(() => activation.Forward(buffer.AsSpan(0, 5), buffer.AsSpan(1, 5)));
        Assert.Throws<ArgumentException>(() => activation.Backward(new float[3], new float[3], new float[3], new float[2]));
        Assert.Throws<ArgumentException>(() =>
            activation.Backward(new float[5], new float[5], buffer.AsSpan(0, 5), buffer.AsSpan(2, 5)));
        var x = new float[5];
        Assert.Throws<ArgumentException>(() => activation.Backward(x, new float[5], new float[5], x));
    }
}
