using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Networks;

namespace MLExtensions.Onnx.Graph;

/// <summary>
/// A trained engine network as ONNX nodes, layer by layer, computing its inference pass: the raw outputs
/// before the loss's output transform.
/// </summary>
internal static class NetworkGraph
{
    /// <param name="ops">The graph the nodes are added to.</param>
    /// <param name="network">The trained network; its weights become initializers.</param>
    /// <param name="input">A [rows × network.InputSize] float value.</param>
    /// <returns>The [rows × network.OutputSize] raw outputs.</returns>
    public static string Apply(OnnxOps ops, Network network, string input)
    {
        string current = input;
        for (int i = 0; i < network.Layers.Count; i++)
            current = Layer(ops, network.Layers[i], i, current);
        return current;
    }

    private static string Layer(OnnxOps ops, Layer layer, int index, string x) => layer switch
    {
        DenseLayer dense => Dense(ops, dense, index, x),
        ActivationLayer activation => ActivationGraph.Apply(ops, activation.Activation, x),
        // Inverted dropout and alpha dropout are the identity at inference.
        DropoutLayer or AlphaDropoutLayer => x,
        BatchNormalizationLayer batchNorm => BatchNormalization(ops, batchNorm, index, x),
        PReluLayer prelu => ops.Graph.Node("PRelu", new[] { x, ops.Graph.FloatTensor($"layer{index}_slopes", prelu.Slopes, prelu.InputSize) }, $"layer{index}_prelu"),
        _ => throw new NotSupportedException(
            $"Layer {index} of the network is a '{layer.Kind}' ({layer.GetType().FullName}), which MLExtensions.Onnx cannot export; " +
            "it exports dense, activation, dropout, alpha_dropout, batch_normalization and prelu layers."),
    };

    /// <summary>x·W + b with W stored [inputs × units] row-major, exactly Gemm's B without transposition.</summary>
    private static string Dense(OnnxOps ops, DenseLayer dense, int index, string x)
    {
        string weights = ops.Graph.FloatTensor($"layer{index}_weights", dense.Weights, dense.InputSize, dense.Units);
        string preActivation = dense.UseBias
            ? ops.Graph.Node("Gemm", new[] { x, weights, ops.Graph.FloatTensor($"layer{index}_bias", dense.Bias, dense.Units) }, $"layer{index}_dense")
            : ops.Graph.Node("MatMul", new[] { x, weights }, $"layer{index}_dense");
        return ActivationGraph.Apply(ops, dense.Activation, preActivation);
    }

    /// <summary>
    /// Inference form: (x − μ)·s + β with s = γ/√(v + ε) computed here exactly as the engine computes it, so the
    /// graph applies the very scale the engine applies.
    /// </summary>
    private static string BatchNormalization(OnnxOps ops, BatchNormalizationLayer layer, int index, string x)
    {
        int width = layer.InputSize;
        var scale = new float[width];
        for (int j = 0; j < width; j++)
            scale[j] = layer.Gamma[j] / MathF.Sqrt(layer.MovingVariance[j] + layer.Epsilon);
        string centered = ops.Sub(x, ops.Graph.FloatTensor($"layer{index}_moving_mean", layer.MovingMean, width));
        string scaled = ops.Mul(centered, ops.Graph.FloatTensor($"layer{index}_scale", scale, width));
        return ops.Add(scaled, ops.Graph.FloatTensor($"layer{index}_beta", layer.Beta, width), $"layer{index}_batch_normalization");
    }
}
