using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;

namespace MLExtensions.Trainers;

/// <summary>
/// One entry of an explicit network architecture (<see cref="MlpTrainerOptionsBase.Layers"/>): the hidden
/// part of the network, below the output layer the trainer adds for its task. Each factory checks its arguments,
/// naming them, when it is called; the trainer builds a fresh engine layer from it for every fit.
/// </summary>
public sealed class MlpLayer
{
    private readonly Func<Layer> _create;

    private MlpLayer(string description, Func<Layer> create, bool isDropout = false)
    {
        Description = description;
        _create = create;
        IsDropout = isDropout;
    }

    /// <summary>What the layer is, as the network summary names it: "dense(64, relu)", "dropout(0.2)", ...</summary>
    public string Description { get; }

    internal bool IsDropout { get; }

    internal Layer Create() => _create();

    /// <summary>The <see cref="Description"/>.</summary>
    public override string ToString() => Description;

    /// <summary>A fully connected layer of <paramref name="units"/> units followed by <paramref name="activation"/>
    /// (<see cref="ActivationKind.Identity"/> for none); its kernel initializer is chosen by the activation.</summary>
    /// <param name="units">Output units; positive.</param>
    /// <param name="activation">The activation after the layer. Default <see cref="ActivationKind.Relu"/>.</param>
    /// <param name="useBias">Whether the layer adds a bias. Default true.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive or <paramref name="activation"/>
    /// is not defined.</exception>
    public static MlpLayer Dense(int units, ActivationKind activation = ActivationKind.Relu, bool useBias = true)
    {
        OptionChecks.Positive(units, nameof(units));
        OptionChecks.Defined(activation, nameof(activation));
        string name = Activation.FromKind(activation).Name;
        return new MlpLayer($"dense({units}, {name})", () => new DenseLayer(units, Activation.FromKind(activation), useBias));
    }

    /// <summary>An activation on its own, e.g. after batch normalization.</summary>
    /// <param name="activation">The activation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="activation"/> is not defined.</exception>
    public static MlpLayer ActivationOnly(ActivationKind activation)
    {
        OptionChecks.Defined(activation, nameof(activation));
        return new MlpLayer($"activation({Activation.FromKind(activation).Name})", () => new ActivationLayer(Activation.FromKind(activation)));
    }

    /// <summary>Dropout of <paramref name="rate"/> while training; the identity when scoring. Refused with L-BFGS.</summary>
    /// <param name="rate">The fraction of units dropped, in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1).</exception>
    public static MlpLayer Dropout(float rate)
    {
        OptionChecks.UnitInterval(rate, nameof(rate));
        return new MlpLayer($"dropout({rate})", () => new DropoutLayer(rate), isDropout: true);
    }

    /// <summary>Alpha dropout of <paramref name="rate"/> while training, which keeps SELU's self-normalization; the
    /// identity when scoring. Refused with L-BFGS.</summary>
    /// <param name="rate">The fraction of units dropped, in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1).</exception>
    public static MlpLayer AlphaDropout(float rate)
    {
        OptionChecks.UnitInterval(rate, nameof(rate));
        return new MlpLayer($"alpha_dropout({rate})", () => new AlphaDropoutLayer(rate), isDropout: true);
    }

    /// <summary>Batch normalization with moving-average <paramref name="momentum"/> in [0, 1) and a positive
    /// <paramref name="epsilon"/>.</summary>
    /// <param name="momentum">Decay of the moving mean and variance used when scoring, in [0, 1). Default 0.99 (Keras's).</param>
    /// <param name="epsilon">Added to the variance before its root; positive and finite. Default 1e-3 (Keras's).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static MlpLayer BatchNormalization(float momentum = 0.99f, float epsilon = 1e-3f)
    {
        OptionChecks.UnitInterval(momentum, nameof(momentum));
        OptionChecks.PositiveFinite(epsilon, nameof(epsilon));
        return new MlpLayer("batch_normalization", () => new BatchNormalizationLayer(momentum, epsilon));
    }

    /// <summary>A parametric ReLU whose per-unit slopes start at <paramref name="initialSlope"/> and are learned.</summary>
    /// <param name="initialSlope">The starting slope for negative inputs; finite. Default 0.25.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialSlope"/> is not finite.</exception>
    public static MlpLayer PRelu(float initialSlope = 0.25f)
    {
        OptionChecks.Require(float.IsFinite(initialSlope), nameof(initialSlope), initialSlope, "finite");
        return new MlpLayer("prelu", () => new PReluLayer(initialSlope));
    }
}
