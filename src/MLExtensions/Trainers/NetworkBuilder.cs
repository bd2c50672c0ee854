using MLExtensions.Engine.Activations;
using MLExtensions.Engine.Configuration;
using MLExtensions.Engine.Initializers;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Regularization;

namespace MLExtensions.Trainers;

/// <summary>Turns trainer options into the engine's network and optimizer.</summary>
internal static class NetworkBuilder
{
    public static Network Build(MlpTrainerOptionsBase options, int inputs, int outputs, RandomSource random)
    {
        var layers = new List<Layer>();
        if (options.Layers is { } explicitLayers)
        {
            layers.AddRange(explicitLayers.Select(l => l.Create()));
        }
        else
        {
            var activation = Activation.FromName(options.Activation);
            foreach (int units in options.HiddenLayerSizes ?? Array.Empty<int>())
            {
                if (units <= 0)
                    throw new ArgumentOutOfRangeException(nameof(options.HiddenLayerSizes), units, "Every hidden layer needs at least one unit.");
                var kernel = options.KernelInitializer is null ? null : Initializer.FromConfig(new ComponentConfig(options.KernelInitializer));
                if (options.BatchNormalization)
                {
                    // The batch norm's β takes over the bias, and the activation follows the normalization.
                    layers.Add(new DenseLayer(units, Activation.FromName("identity"), useBias: false,
                        kernel ?? Initializer.DefaultFor(activation.Name)));
                    layers.Add(new BatchNormalizationLayer());
                    layers.Add(new ActivationLayer(Activation.FromName(options.Activation)));
                }
                else
                {
                    layers.Add(new DenseLayer(units, Activation.FromName(options.Activation), kernelInitializer: kernel));
                }
                if (options.DropoutRate > 0)
                    layers.Add(activation.Name == "selu" ? new AlphaDropoutLayer(options.DropoutRate) : new DropoutLayer(options.DropoutRate));
            }
        }
        layers.Add(new DenseLayer(outputs, kernelInitializer: new GlorotUniform()));

        float l1 = CheckNonNegative(options.L1Regularization, nameof(options.L1Regularization));
        float l2 = CheckNonNegative(options.L2Regularization, nameof(options.L2Regularization));
        var penalty = l1 > 0 || l2 > 0 ? new WeightPenalty(l1, l2) : null;
        foreach (var dense in layers.OfType<DenseLayer>())
        {
            dense.KernelPenalty = penalty;
            dense.MaxNorm = options.MaxNorm;
        }

        var network = new Network(inputs, layers);
        network.InitializeParameters(random);
        return network;
    }

    private static float CheckNonNegative(float value, string name) =>
        value >= 0 && float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "Must be finite and non-negative.");

    public static Optimizer CreateOptimizer(MlpTrainerOptionsBase o) => o.Optimizer switch
    {
        MlpOptimizer.Adam => new Adam(o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.AmsGrad),
        MlpOptimizer.AdamW => new AdamW(o.LearningRate, o.WeightDecay, o.Beta1, o.Beta2, o.Epsilon, o.AmsGrad),
        MlpOptimizer.Nadam => new Nadam(o.LearningRate, o.Beta1, o.Beta2, o.Epsilon),
        MlpOptimizer.Adamax => new Adamax(o.LearningRate, o.Beta1, o.Beta2, o.Epsilon),
        MlpOptimizer.Sgd => new Sgd(o.LearningRate, o.Momentum, o.Nesterov),
        MlpOptimizer.RmsProp => new RmsProp(o.LearningRate, o.Rho, o.Momentum, o.Epsilon, o.Centered),
        MlpOptimizer.Adagrad => new Adagrad(o.LearningRate, epsilon: o.Epsilon),
        MlpOptimizer.Lbfgs => throw new ArgumentOutOfRangeException(nameof(o.Optimizer), o.Optimizer, "L-BFGS is a full-batch method, not a step optimizer."),
        _ => throw new ArgumentOutOfRangeException(nameof(o.Optimizer), o.Optimizer, "Unknown optimizer."),
    };
}
