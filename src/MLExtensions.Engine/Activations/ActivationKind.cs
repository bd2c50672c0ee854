namespace MLExtensions.Engine.Activations;

/// <summary>The built-in activations, for options types that prefer an enum to a name; see <see cref="Activation.FromKind"/>.</summary>
public enum ActivationKind
{
    /// <summary><see cref="Activations.Identity"/>, f(x) = x.</summary>
    Identity,

    /// <summary><see cref="Activations.Sigmoid"/>, 1/(1 + e⁻ˣ).</summary>
    Sigmoid,

    /// <summary><see cref="Activations.Tanh"/>.</summary>
    Tanh,

    /// <summary><see cref="Activations.Relu"/>, max(x, 0).</summary>
    Relu,

    /// <summary><see cref="Activations.LeakyRelu"/> with the default negative slope 0.2.</summary>
    LeakyRelu,

    /// <summary><see cref="Activations.Elu"/> with the default α = 1.</summary>
    Elu,

    /// <summary><see cref="Activations.Selu"/>, with the fixed self-normalising constants.</summary>
    Selu,

    /// <summary><see cref="Activations.Softplus"/>, log(1 + eˣ).</summary>
    Softplus,

    /// <summary><see cref="Activations.Softsign"/>, x/(1 + |x|).</summary>
    Softsign,

    /// <summary><see cref="Activations.Gelu"/>, the exact x·Φ(x).</summary>
    Gelu,

    /// <summary><see cref="Activations.GeluTanh"/>, the tanh approximation of GELU.</summary>
    GeluTanh,

    /// <summary><see cref="Activations.Silu"/>, x·σ(x) (swish).</summary>
    Silu,

    /// <summary><see cref="Activations.Mish"/>, x·tanh(softplus(x)).</summary>
    Mish,

    /// <summary><see cref="Activations.HardSigmoid"/>, relu6(x + 3)/6.</summary>
    HardSigmoid,

    /// <summary><see cref="Activations.HardTanh"/>, x clipped to [−1, 1].</summary>
    HardTanh,
}
