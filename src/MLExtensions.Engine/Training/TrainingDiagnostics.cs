using MLExtensions.Engine.Clipping;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Training;

/// <summary>
/// Collects <see cref="LayerDiagnostics"/>: keeps the parameters from before each update so the last update
/// of an epoch can be compared with the weights, and runs a fixed probe batch forward and backward to look at
/// each layer's outputs and the gradient reaching them. The probe leaves the network's parameters and state
/// as it found them.
/// </summary>
internal sealed class TrainingDiagnostics
{
    private readonly Network _network;
    private readonly Loss _loss;
    private readonly float[] _beforeUpdate;
    private readonly NetworkWorkspace _workspace;
    private readonly LayerContext _context;
    private readonly float[] _probeFeatures;
    private readonly float[] _probeTargets;
    private readonly int _probeRows;

    public TrainingDiagnostics(Network network, Loss loss, TrainingData data, int probeBatchSize, WorkerPool? pool, ulong seed)
    {
        _network = network;
        _loss = loss;
        _beforeUpdate = new float[network.ParameterCount];
        _probeRows = Math.Min(probeBatchSize, data.RowCount);
        _workspace = new NetworkWorkspace(network, _probeRows);
        _context = new LayerContext(pool, training: true, new RandomSource(seed));
        _probeFeatures = new float[_probeRows * data.FeatureCount];
        _probeTargets = new float[_probeRows * data.TargetWidth];
        for (int row = 0; row < _probeRows; row++)
        {
            data.FeaturesOf(row).CopyTo(_probeFeatures.AsSpan(row * data.FeatureCount));
            data.TargetsOf(row).CopyTo(_probeTargets.AsSpan(row * data.TargetWidth));
        }
    }

    public void RememberParameters() => _network.Parameters.CopyTo(_beforeUpdate);

    public IReadOnlyList<LayerDiagnostics> Collect()
    {
        var saved = _network.Snapshot();
        var outputs = _network.Forward(_workspace, _context, _probeFeatures, _probeRows);
        _loss.Evaluate(outputs, _probeTargets, ReadOnlySpan<float>.Empty, _probeRows, _network.OutputSize, _workspace.OutputGradient(_probeRows));
        var activationSummaries = new DistributionSummary[_network.Layers.Count];
        for (int i = 0; i < activationSummaries.Length; i++)
            activationSummaries[i] = DistributionSummary.Of(_workspace.Output(i, _probeRows));
        _network.Backward(_workspace, _context, _probeFeatures, _probeRows);

        var result = new LayerDiagnostics[_network.Layers.Count];
        int offset = 0;
        for (int i = 0; i < result.Length; i++)
        {
            var layer = _network.Layers[i];
            int count = layer.ParameterCount;
            double weightNorm = GradientClipping.Norm(_network.Parameters.Slice(offset, count));
            double updateNorm = DifferenceNorm(_network.Parameters.Slice(offset, count), _beforeUpdate.AsSpan(offset, count));
            double ratio = count == 0 ? double.NaN : updateNorm / Math.Max(GradientClipping.Norm(_beforeUpdate.AsSpan(offset, count)), double.Epsilon);
            result[i] = new LayerDiagnostics(i, layer.Describe(), ratio, count == 0 ? double.NaN : weightNorm,
                activationSummaries[i], DistributionSummary.Of(_workspace.Gradient(i, _probeRows)));
            offset += count;
        }
        // The probe's backward pass overwrote the gradients and a training-mode forward pass may have moved
        // batch-normalization statistics: put everything back.
        _network.Restore(saved);
        _network.Gradients.Clear();
        return result;
    }

    private static double DifferenceNorm(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = (double)a[i] - b[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }
}
