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
    /// <summary>The canonical snake_case name (Keras' name), as accepted by <see cref="FromName"/> and carried by <see cref="GetConfig"/>.</summary>
    public abstract string Name { get; }

    /// <summary>Overwrites every value of <paramref name="weights"/> with a fresh draw (or constant).</summary>
    /// <param name="weights">The tensor to fill: a row-major [fanIn × fanOut] kernel, or any other length.</param>
    /// <param name="fanIn">The number of inputs feeding each unit (≥ 1); sets the scale of fan-based initializers.</param>
    /// <param name="fanOut">The number of units (≥ 1); sets the scale of fan-based initializers.</param>
    /// <param name="random">The source of every random value; the same seed gives the same weights.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fanIn"/> or <paramref name="fanOut"/> is not positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is <see langword="null"/>.</exception>
    public abstract void Initialize(Span<float> weights, int fanIn, int fanOut, RandomSource random);

    /// <summary>The name and hyperparameters; <see cref="FromConfig"/> rebuilds an equal initializer from it.</summary>
    public virtual ComponentConfig GetConfig() => new(Name);

    /// <summary>The <see cref="GetConfig"/> text, for example <c>random_normal(mean=0, stddev=0.05)</c>.</summary>
    public override string ToString() => GetConfig().ToString();

    /// <summary>The names <see cref="FromName"/> and <see cref="FromConfig"/> accept.</summary>
    public static IReadOnlyList<string> KnownNames { get; } =
    [
        "zeros", "ones", "constant", "random_normal", "random_uniform", "truncated_normal",
        "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform", "orthogonal",
    ];

    /// <summary>The initializer with this name and default hyperparameters.</summary>
    /// <param name="name">One of <see cref="KnownNames"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is empty or not a known initializer.</exception>
    public static Initializer FromName(string name) => FromConfig(new ComponentConfig(name));

    /// <summary>The initializer of this kind with Keras' default hyperparameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined <see cref="InitializerKind"/>.</exception>
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

    /// <summary>
    /// The initializer a <see cref="GetConfig"/> result describes. Parameters: <c>constant</c> takes <c>value</c>
    /// (default 0); <c>random_normal</c> and <c>truncated_normal</c> take <c>mean</c> (0) and <c>stddev</c> (0.05);
    /// <c>random_uniform</c> takes <c>minval</c> (−0.05) and <c>maxval</c> (0.05); <c>orthogonal</c> takes <c>gain</c> (1);
    /// the others take none.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The name is unknown, the config carries a parameter the initializer does not take, or the
    /// <c>random_uniform</c> bounds are not finite with minval ≤ maxval.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">Another parameter is out of its range (see the initializer's constructor).</exception>
    public static Initializer FromConfig(ComponentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        // Names compare ignoring case, as the optimizers' and schedules' do.
        string name = config.Name.ToLowerInvariant();
        switch (name)
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
        return name switch
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
    /// <param name="activationName">An activation name, for example <see cref="Activations.Activation.Name"/>; an unknown one gets Glorot-uniform.</param>
    /// <exception cref="ArgumentNullException"><paramref name="activationName"/> is <see langword="null"/>.</exception>
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

    /// <summary>Throws what <see cref="Initialize"/> documents for bad fans or a missing random source; call it first in every override.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fanIn"/> or <paramref name="fanOut"/> is not positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is <see langword="null"/>.</exception>
    protected static void CheckArguments(Span<float> weights, int fanIn, int fanOut, RandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanOut);
        ArgumentNullException.ThrowIfNull(random);
    }
}
