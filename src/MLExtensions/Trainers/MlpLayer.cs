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
    public static MlpLayer Dense(int units, ActivationKind activation = ActivationKind.Relu, bool useBias = true)
    {
        OptionChecks.Positive(units, nameof(units));
        OptionChecks.Defined(activation, nameof(activation));
        string name = Activation.FromKind(activation).Name;
        return new MlpLayer($"dense({units}, {name})", () => new DenseLayer(units, Activation.FromKind(activation), useBias));
    }

    /// <summary>An activation on its own, e.g. after batch normalization.</summary>
    public static MlpLayer ActivationOnly(ActivationKind activation)
    {
        OptionChecks.Defined(activation, nameof(activation));
        return new MlpLayer($"activation({Activation.FromKind(activation).Name})", () => new ActivationLayer(Activation.FromKind(activation)));
    }

    /// <summary>Dropout of <paramref name="rate"/> in [0, 1) while training; the identity when scoring.</summary>
    public static MlpLayer Dropout(float rate)
    {
        OptionChecks.UnitInterval(rate, nameof(rate));
        return new MlpLayer($"dropout({rate})", () => new DropoutLayer(rate), isDropout: true);
    }

    /// <summary>Alpha dropout of <paramref name="rate"/> in [0, 1), which keeps SELU's self-normalization.</summary>
    public static MlpLayer AlphaDropout(float rate)
    {
        OptionChecks.UnitInterval(rate, nameof(rate));
        return new MlpLayer($"alpha_dropout({rate})", () => new AlphaDropoutLayer(rate), isDropout: true);
    }

    /// <summary>Batch normalization with moving-average <paramref name="momentum"/> in [0, 1) and a positive
    /// <paramref name="epsilon"/>.</summary>
    public static MlpLayer BatchNormalization(float momentum = 0.99f, float epsilon = 1e-3f)
    {
        OptionChecks.UnitInterval(momentum, nameof(momentum));
        OptionChecks.PositiveFinite(epsilon, nameof(epsilon));
        return new MlpLayer("batch_normalization", () => new BatchNormalizationLayer(momentum, epsilon));
    }

    /// <summary>A parametric ReLU whose per-unit slopes start at <paramref name="initialSlope"/> and are learned.</summary>
    public static MlpLayer PRelu(float initialSlope = 0.25f)
    {
        OptionChecks.Require(float.IsFinite(initialSlope), nameof(initialSlope), initialSlope, "finite");
        return new MlpLayer("prelu", () => new PReluLayer(initialSlope));
    }
}
