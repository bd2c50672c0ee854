using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Initializers;

/// <summary>
/// Fills a parameter tensor before training. A weight matrix is laid out row-major [fanIn × fanOut]; for any
/// other tensor (a bias, say) the span may have any length and the fans only set the scale. Every value comes
/// from the given <see cref="RandomSource"/>, so a seed fixes the result.
/// </summary>
public abstract class Initializer
{
    public abstract string Name { get; }

    public abstract void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random);

    public virtual ComponentConfig GetConfig() => new(Name);

    public override string ToString() => GetConfig().ToString();

    public static IReadOnlyList<string> KnownNames { get; } =
    [
        "zeros", "ones", "constant", "random_normal", "random_uniform", "truncated_normal",
        "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform", "orthogonal",
    ];

    public static Initializer FromName(string name) => FromConfig(new ComponentConfig(name));

    public static Initializer FromKind(InitializerKind kind) => kind switch
    {
        InitializerKind.GlorotUniform => new GlorotUniform(),
        InitializerKind.GlorotNormal => new GlorotNormal(),
        InitializerKind.HeUniform => new HeUniform(),
        InitializerKind.HeNormal => new HeNormal(),
        InitializerKind.LecunUniform => new LecunUniform(),
        InitializerKind.LecunNormal => new LecunNormal(),
        InitializerKind.Orthogonal => new Orthogonal(),
        InitializerKind.TruncatedNormal => new TruncatedNormal(),
        InitializerKind.RandomNormal => new RandomNormal(),
        InitializerKind.RandomUniform => new RandomUniform(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown initializer kind."),
    };

    public static Initializer FromConfig(ComponentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        switch (config.Name)
        {
            case "constant":
                ConfigParameters.RequireOnly(config, "initializer", Constant.ValueParameter);
                return new Constant(config.Get(Constant.ValueParameter, 0));
            case "random_normal":
                ConfigParameters.RequireOnly(config, "initializer", RandomNormal.MeanParameter, RandomNormal.StddevParameter);
                return new RandomNormal(config.Get(RandomNormal.MeanParameter, 0), config.Get(RandomNormal.StddevParameter, RandomNormal.DefaultStddev));
            case "truncated_normal":
                ConfigParameters.RequireOnly(config, "initializer", RandomNormal.MeanParameter, RandomNormal.StddevParameter);
                return new TruncatedNormal(config.Get(RandomNormal.MeanParameter, 0), config.Get(RandomNormal.StddevParameter, RandomNormal.DefaultStddev));
            case "random_uniform":
                ConfigParameters.RequireOnly(config, "initializer", RandomUniform.MinParameter, RandomUniform.MaxParameter);
                return new RandomUniform(config.Get(RandomUniform.MinParameter, -RandomUniform.DefaultLimit), config.Get(RandomUniform.MaxParameter, RandomUniform.DefaultLimit));
            case "orthogonal":
                ConfigParameters.RequireOnly(config, "initializer", Orthogonal.GainParameter);
                return new Orthogonal(config.Get(Orthogonal.GainParameter, 1));
        }
        ConfigParameters.RequireOnly(config, "initializer");
        return config.Name switch
        {
            "zeros" => new Zeros(),
            "ones" => new Ones(),
            "glorot_normal" => new GlorotNormal(),
            "glorot_uniform" => new GlorotUniform(),
            "he_normal" => new HeNormal(),
            "he_uniform" => new HeUniform(),
            "lecun_normal" => new LecunNormal(),
            "lecun_uniform" => new LecunUniform(),
            _ => throw new ArgumentException($"Unknown initializer '{config.Name}'. Known initializers: {string.Join(", ", KnownNames)}.", nameof(config)),
        };
    }

    /// <summary>
    /// The kernel initializer suited to an activation: He-normal for the ReLU family (relu, leaky_relu, prelu,
    /// elu, gelu, gelu_tanh, silu/swish, mish), whose halved variance it compensates; LeCun-normal for selu,
    /// which self-normalizes only from it; Glorot-uniform, Keras' default, for everything else.
    /// </summary>
    public static Initializer DefaultFor(string activationName)
    {
        ArgumentNullException.ThrowIfNull(activationName);
        return activationName switch
        {
            "relu" or "leaky_relu" or "prelu" or "elu" or "gelu" or "gelu_tanh" or "silu" or "swish" or "mish" => new HeNormal(),
            "selu" => new LecunNormal(),
            _ => new GlorotUniform(),
        };
    }

    /// <summary>Returns <paramref name="value"/>, or throws naming the hyperparameter (<paramref name="what"/>) when it is not finite.</summary>
    private protected static double Finite(double value, string parameterName, string what) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(parameterName, value, $"The {what} must be finite.");

    protected static void CheckArguments(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanOut);
        ArgumentNullException.ThrowIfNull(random);
    }
}
