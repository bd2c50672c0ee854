using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Initializers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Regularization;
using MLExtensions.Engine.Schedules;

namespace MLExtensions.Engine.Tests.Configuration;

/// <summary>
/// Every component family refuses a key it does not take with the same message, naming the component, the key and
/// the keys it accepts.
/// </summary>
public class UnknownParameterTests
{
    public static TheoryData<string, string, Func<ComponentConfig, object>, string> Families => new()
    {
        { "activation", "elu", c => Activation.FromConfig(c), "alpha" },
        { "activation", "relu", c => Activation.FromConfig(c), "none" },
        { "initializer", "random_uniform", c => Initializer.FromConfig(c), "minval, maxval" },
        { "initializer", "he_normal", c => Initializer.FromConfig(c), "none" },
        { "loss", "huber", c => Loss.FromConfig(c), "delta" },
        { "loss", "mean_squared_error", c => Loss.FromConfig(c), "none" },
        { "optimizer", "sgd", c => Optimizer.FromConfig(c), "learning_rate, momentum, nesterov" },
        { "learning-rate schedule", "step_decay", c => LearningRateSchedule.FromConfig(c), "drop_every, factor" },
        { "learning-rate schedule", "constant", c => LearningRateSchedule.FromConfig(c), "none" },
        { "plateau reduction", "reduce_lr_on_plateau", c => ReduceLearningRateOnPlateau.FromConfig(c),
            "factor, patience, mode, min_delta, cooldown, min_learning_rate" },
        { "weight penalty", "l1", c => WeightPenalty.FromConfig(c), "l1" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void AnUnknownKeyIsRefusedNamingTheComponentTheKeyAndTheAcceptedKeys(
        string family, string name, Func<ComponentConfig, object> fromConfig, string accepted)
    {
        var error = Assert.Throws<ArgumentException>(() => fromConfig(new ComponentConfig(name, [new("bogus", 1)])));
        Assert.Equal("config", error.ParamName);
        Assert.StartsWith($"The {family} '{name}' has no parameter 'bogus'; it takes {accepted}.", error.Message);
    }

    [Fact]
    public void AConfigOfAnotherComponentIsRefusedNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => ReduceLearningRateOnPlateau.FromConfig(new ComponentConfig("step_decay")));
        Assert.StartsWith("Expected the configuration of the plateau reduction 'reduce_lr_on_plateau', got 'step_decay'.", error.Message);
    }

    /// <summary>Each family's factory, returning what it built as its own configuration.</summary>
    public static TheoryData<string, Func<string, ComponentConfig>> NamedFamilies => new()
    {
        { "Leaky_ReLU", name => Activation.FromName(name).GetConfig() },
        { "Glorot_Uniform", name => Initializer.FromName(name).GetConfig() },
        { "Softmax_Cross_Entropy", name => Loss.FromName(name).GetConfig() },
        { "AdamW", name => Optimizer.FromConfig(new ComponentConfig(name)).GetConfig() },
        { "Cosine_Decay", name => LearningRateSchedule.FromConfig(new ComponentConfig(name, [new("decay_steps", 10)])).GetConfig() },
    };

    [Theory]
    [MemberData(nameof(NamedFamilies))]
    public void EveryFamilyReadsANameWhateverItsCase(string name, Func<string, ComponentConfig> build) =>
        Assert.Equal(name.ToLowerInvariant(), build(name).Name);
}
