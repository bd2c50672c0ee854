using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Layers;

namespace MLExtensions.Trainers;

/// <summary>
/// One entry of an explicit network architecture (<see cref="MlpTrainerOptionsBase.Layers"/>): the hidden
/// part of the network, below the output layer the trainer adds for its task.
/// </summary>
public sealed class MlpLayer
{
    private readonly Func<Layer> _create;

    private MlpLayer(string description, Func<Layer> create)
    {
        Description = description;
        _create = create;
    }

    public string Description { get; }

    internal Layer Create() => _create();

    public override string ToString() => Description;

    /// <param name="activation">An engine activation name, e.g. "relu", "tanh", "selu", "gelu"; "identity" for none.</param>
    public static MlpLayer Dense(int units, string activation = "relu", bool useBias = true)
    {
        if (units <= 0)
            throw new ArgumentOutOfRangeException(nameof(units), units, "A dense layer needs at least one unit.");
        var fn = Activation.FromName(activation);
        return new MlpLayer($"dense({units}, {fn.Name})", () => new DenseLayer(units, Activation.FromName(activation), useBias));
    }

    public static MlpLayer ActivationOnly(string activation)
    {
        var fn = Activation.FromName(activation);
        return new MlpLayer($"activation({fn.Name})", () => new ActivationLayer(Activation.FromName(activation)));
    }

    public static MlpLayer Dropout(float rate)
    {
        _ = new DropoutLayer(rate);
        return new MlpLayer($"dropout({rate})", () => new DropoutLayer(rate));
    }

    public static MlpLayer AlphaDropout(float rate)
    {
        _ = new AlphaDropoutLayer(rate);
        return new MlpLayer($"alpha_dropout({rate})", () => new AlphaDropoutLayer(rate));
    }

    public static MlpLayer BatchNormalization(float momentum = 0.99f, float epsilon = 1e-3f)
    {
        _ = new BatchNormalizationLayer(momentum, epsilon);
        return new MlpLayer("batch_normalization", () => new BatchNormalizationLayer(momentum, epsilon));
    }

    public static MlpLayer PRelu(float initialSlope = 0.25f)
    {
        _ = new PReluLayer(initialSlope);
        return new MlpLayer("prelu", () => new PReluLayer(initialSlope));
    }
}
