using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Optimizers;
using static MLExtensions.Engine.Tests.Optimizers.OptimizerTestData;

namespace MLExtensions.Engine.Tests.Optimizers;

public class OptimizerConfigTests
{
    public static TheoryData<string> Variants() => AllVariants();

    [Theory]
    [MemberData(nameof(Variants))]
    public void FromConfig_RebuildsAnEqualOptimizer(string variant)
    {
        var optimizer = Create(variant);
        var config = optimizer.GetConfig();
        var rebuilt = Optimizer.FromConfig(config);
        Assert.IsType(optimizer.GetType(), rebuilt);
        Assert.Equal(config, rebuilt.GetConfig());
        Assert.Equal(optimizer.StateNames, rebuilt.StateNames);

        float[] a = InitialWeights(), b = InitialWeights();
        for (int t = 1; t <= 3; t++)
        {
            optimizer.Update(a, Gradient(t));
            rebuilt.Update(b, Gradient(t));
        }
        Assert.Equal(a, b);
    }

    [Fact]
    public void GetConfig_UsesKerasNamesAndShortestDecimals()
    {
        var config = new AdamW().GetConfig();
        Assert.Equal("adamw", config.Name);
        Assert.Equal(0.001, config.Get("learning_rate"));
        Assert.Equal(0.004, config.Get("weight_decay"));
        Assert.Equal(0.9, config.Get("beta_1"));
        Assert.Equal(0.999, config.Get("beta_2"));
        Assert.Equal(1e-7, config.Get("epsilon"));
        Assert.Equal(0, config.Get("amsgrad"));

        var sgd = new Sgd(0.1f, 0.9f, nesterov: true).GetConfig();
        Assert.Equal("sgd(learning_rate=0.1, momentum=0.9, nesterov=1)", sgd.ToString());
    }

    [Fact]
    public void FromConfig_FillsMissingParametersWithDefaults()
    {
        var defaults = new (string Name, Optimizer Optimizer)[]
        {
            ("sgd", new Sgd()), ("adagrad", new Adagrad()), ("rmsprop", new RmsProp()), ("adam", new Adam()),
            ("adamw", new AdamW()), ("nadam", new Nadam()), ("Adamax", new Adamax()),
        };
        Assert.Equal(Optimizer.KnownNames.Count, defaults.Length);
        foreach (var (name, expected) in defaults)
        {
            var optimizer = Optimizer.FromConfig(new ComponentConfig(name));
            Assert.IsType(expected.GetType(), optimizer);
            Assert.Equal(expected.GetConfig(), optimizer.GetConfig());
        }
    }

    [Fact]
    public void FromConfig_RejectsUnknownNamesListingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => Optimizer.FromConfig(new ComponentConfig("adadelta")));
        foreach (var name in Optimizer.KnownNames)
            Assert.Contains(name, error.Message);
    }

    [Fact]
    public void FromConfig_RejectsUnknownParametersAndInvalidValues()
    {
        Assert.Throws<ArgumentException>(() => Optimizer.FromConfig(new ComponentConfig("adam", [new("beta1", 0.5)])));
        Assert.Throws<ArgumentException>(() => Optimizer.FromConfig(new ComponentConfig("sgd", [new("nesterov", 0.5)])));
        Assert.Throws<ArgumentOutOfRangeException>(() => Optimizer.FromConfig(new ComponentConfig("rmsprop", [new("rho", 2.0)])));
        Assert.Throws<ArgumentOutOfRangeException>(() => Optimizer.FromConfig(new ComponentConfig("adam", [new("learning_rate", -1.0)])));
    }

    [Fact]
    public void FromConfig_CarriesTheCurrentLearningRate()
    {
        var optimizer = new Adam { LearningRate = 0.0125f };
        Assert.Equal(0.0125f, Optimizer.FromConfig(optimizer.GetConfig()).LearningRate);
    }
}
