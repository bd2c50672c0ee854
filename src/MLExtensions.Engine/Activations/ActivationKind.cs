namespace MLExtensions.Engine.Activations;

/// <summary>The built-in activations, for options types that prefer an enum to a name; see <see cref="Activation.FromKind"/>.</summary>
public enum ActivationKind
{
    Identity,
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu,
    Elu,
    Selu,
    Softplus,
    Softsign,
    Gelu,
    GeluTanh,
    Silu,
    Mish,
    HardSigmoid,
    HardTanh,
}
