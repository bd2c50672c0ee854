using MLExtensions.Engine.Configuration;

namespace MLExtensions.Engine.Activations;

/// <summary>
/// An element-wise nonlinearity with its exact derivative.
/// <para>
/// Aliasing: <see cref="Forward"/> may write in place (<c>output</c> exactly <c>input</c>);
/// <see cref="Backward"/> may write <c>inputGradient</c> exactly over <c>outputGradient</c>, which is how the
/// network saves a buffer. Any other overlap between the spans is an <see cref="ArgumentException"/>.
/// </para>
/// <para>
/// Kinks: at a point where the function is not differentiable, the derivative is the one TensorFlow and
/// PyTorch back-propagate: the slope of the piece on the left for ReLU and leaky ReLU (relu'(0) = 0,
/// leaky'(0) = negative slope), and 0 at the saturation points of hard sigmoid (x = ±3) and hard tanh (x = ±1).
/// </para>
/// </summary>
public abstract class Activation
{
    /// <summary>
    /// The canonical snake_case name (for example <c>"leaky_relu"</c>), as accepted by <see cref="FromName"/> and
    /// carried by <see cref="GetConfig"/>; the Keras name where Keras has the activation.
    /// </summary>
    public abstract string Name { get; }

    /// <summary>output = f(input), element-wise; the class summary gives f.</summary>
    /// <param name="input">The pre-activations.</param>
    /// <param name="output">Receives f(input); as long as <paramref name="input"/>, and may be exactly that span (in place).</param>
    /// <exception cref="ArgumentException">
    /// The lengths differ, or <paramref name="output"/> overlaps <paramref name="input"/> without being exactly it.
    /// </exception>
    public abstract void Forward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// inputGradient = outputGradient ⊙ f'(input), where <paramref name="output"/> must hold f(input) as
    /// <see cref="Forward"/> computed it (several derivatives are cheapest in terms of the output).
    /// <paramref name="inputGradient"/> may be exactly <paramref name="outputGradient"/>. The class summary gives f'.
    /// </summary>
    /// <param name="input">The pre-activations <see cref="Forward"/> was called with.</param>
    /// <param name="output">f(input), as <see cref="Forward"/> wrote it.</param>
    /// <param name="outputGradient">The gradient of the loss with respect to <paramref name="output"/>.</param>
    /// <param name="inputGradient">Receives the gradient of the loss with respect to <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">
    /// The four spans differ in length; <paramref name="inputGradient"/> overlaps <paramref name="outputGradient"/>
    /// without being exactly it; or <paramref name="inputGradient"/> overlaps <paramref name="input"/> or <paramref name="output"/>.
    /// </exception>
    public abstract void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient);

    /// <summary>The name and hyperparameters; <see cref="FromConfig"/> rebuilds an equal activation from it.</summary>
    public virtual ComponentConfig GetConfig() => new(Name);

    /// <summary>The <see cref="GetConfig"/> text, for example <c>leaky_relu(negative_slope=0.2)</c>.</summary>
    public override string ToString() => GetConfig().ToString();

    /// <summary>The canonical names <see cref="FromName"/> accepts, besides the aliases "linear" and "swish".</summary>
    public static IReadOnlyList<string> KnownNames { get; } =
    [
        "identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "softplus", "softsign",
        "gelu", "gelu_tanh", "silu", "mish", "hard_sigmoid", "hard_tanh",
    ];

    /// <summary>The activation with this name and default hyperparameters.</summary>
    /// <param name="name">One of <see cref="KnownNames"/>, or the alias <c>"linear"</c> (identity) or <c>"swish"</c> (SiLU).</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is not a known activation.</exception>
    public static Activation FromName(string name) => FromConfig(new ComponentConfig(name));

    /// <summary>
    /// The activation a <see cref="GetConfig"/> result describes. Only <c>leaky_relu</c> (<c>negative_slope</c>,
    /// default <see cref="LeakyRelu.DefaultNegativeSlope"/>) and <c>elu</c> (<c>alpha</c>, default
    /// <see cref="Elu.DefaultAlpha"/>) take parameters; a missing one takes its default.
    /// </summary>
    /// <param name="config">A name from <see cref="KnownNames"/> (or an alias) with that activation's parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The name is unknown, or the config carries a parameter the activation does not take.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of its range (see the activation's constructor).</exception>
    public static Activation FromConfig(ComponentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        // Names compare ignoring case, as the optimizers' and schedules' do.
        string name = config.Name.ToLowerInvariant();
        switch (name)
        {
            case "leaky_relu":
                ConfigParameters.RequireOnly(config, "activation", LeakyRelu.NegativeSlopeParameter);
                return new LeakyRelu(config.Get(LeakyRelu.NegativeSlopeParameter, LeakyRelu.DefaultNegativeSlope));
            case "elu":
                ConfigParameters.RequireOnly(config, "activation", Elu.AlphaParameter);
                return new Elu(config.Get(Elu.AlphaParameter, Elu.DefaultAlpha));
        }
        ConfigParameters.RequireOnly(config, "activation");
        return name switch
        {
            "identity" or "linear" => new Identity(),
            "sigmoid" => new Sigmoid(),
            "tanh" => new Tanh(),
            "relu" => new Relu(),
            "selu" => new Selu(),
            "softplus" => new Softplus(),
            "softsign" => new Softsign(),
            "gelu" => new Gelu(),
            "gelu_tanh" => new GeluTanh(),
            "silu" or "swish" => new Silu(),
            "mish" => new Mish(),
            "hard_sigmoid" => new HardSigmoid(),
            "hard_tanh" => new HardTanh(),
            _ => throw new ArgumentException(
                $"Unknown activation '{config.Name}'. Known activations: {string.Join(", ", KnownNames)} (aliases: linear, swish).",
                nameof(config)),
        };
    }

    /// <summary>The activation of this kind with default hyperparameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined <see cref="ActivationKind"/>.</exception>
    public static Activation FromKind(ActivationKind kind) => kind switch
    {
        ActivationKind.Identity => new Identity(),
        ActivationKind.Sigmoid => new Sigmoid(),
        ActivationKind.Tanh => new Tanh(),
        ActivationKind.Relu => new Relu(),
        ActivationKind.LeakyRelu => new LeakyRelu(),
        ActivationKind.Elu => new Elu(),
        ActivationKind.Selu => new Selu(),
        ActivationKind.Softplus => new Softplus(),
        ActivationKind.Softsign => new Softsign(),
        ActivationKind.Gelu => new Gelu(),
        ActivationKind.GeluTanh => new GeluTanh(),
        ActivationKind.Silu => new Silu(),
        ActivationKind.Mish => new Mish(),
        ActivationKind.HardSigmoid => new HardSigmoid(),
        ActivationKind.HardTanh => new HardTanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation kind."),
    };

    /// <summary>Throws what <see cref="Forward"/> documents for mismatched or partly overlapping spans; call it first in every override.</summary>
    /// <exception cref="ArgumentException">See <see cref="Forward"/>.</exception>
    protected static void CheckForward(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != output.Length)
            throw new ArgumentException($"The output has {output.Length} elements; the input has {input.Length}.", nameof(output));
        if (input.Overlaps(output, out int offset) && offset != 0)
            throw new ArgumentException("The output overlaps the input without being exactly the same span.", nameof(output));
    }

    /// <summary>Throws what <see cref="Backward"/> documents for mismatched or overlapping spans; call it first in every override.</summary>
    /// <exception cref="ArgumentException">See <see cref="Backward"/>.</exception>
    protected static void CheckBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        int n = input.Length;
        if (output.Length != n || outputGradient.Length != n || inputGradient.Length != n)
            throw new ArgumentException(
                $"Backward needs equal lengths; got input {n}, output {output.Length}, outputGradient {outputGradient.Length}, inputGradient {inputGradient.Length}.");
        if (inputGradient.Overlaps(outputGradient, out int offset) && offset != 0)
            throw new ArgumentException("The input gradient overlaps the output gradient without being exactly the same span.", nameof(inputGradient));
        if (inputGradient.Overlaps(input) || inputGradient.Overlaps(output))
            throw new ArgumentException("The input gradient must not overlap the activation's input or output.", nameof(inputGradient));
    }
}
