using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Parallelism;

namespace MLExtensions.Engine.Training;

/// <summary>Loss and metric of a network over a data set, in inference mode, batch by batch. The buffers are sized for the
/// batches that occur (at most the rows evaluated), once, and reused.</summary>
public sealed class NetworkEvaluator
{
    private readonly Network _network;
    private readonly Loss _loss;
    private readonly int _batchSize;
    private readonly LayerContext _context;
    private readonly TaskMetric _metric;
    private NetworkWorkspace? _workspace;
    private float[] _outputs = Array.Empty<float>();
    private float[] _batchFeatures = Array.Empty<float>();
    private float[] _targets = Array.Empty<float>();
    private float[] _weights = Array.Empty<float>();

    /// <summary>Creates an evaluator; it reads the network's current weights at each <see cref="Evaluate"/>.</summary>
    /// <param name="network">The network to evaluate.</param>
    /// <param name="loss">The loss to measure.</param>
    /// <param name="batchSize">Rows per forward pass. Default 1024; positive.</param>
    /// <param name="pool">Threads for the matrix products; null (the default) runs on the caller. Not disposed here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="loss"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive.</exception>
    public NetworkEvaluator(Network network, Loss loss, int batchSize = 1024, WorkerPool? pool = null)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _loss = loss ?? throw new ArgumentNullException(nameof(loss));
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        _batchSize = batchSize;
        _context = LayerContext.Inference(pool);
        _metric = TaskMetric.For(loss, network.OutputSize);
    }

    /// <summary>The weighted mean loss (without penalties) and the task metric (<see cref="TaskMetric"/>) over all the
    /// rows of <paramref name="data"/>, whose shape must fit the network and loss.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public (double Loss, double Metric) Evaluate(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _metric.Reset();
        int width = _network.OutputSize;
        int batchSize = Math.Min(_batchSize, data.RowCount);
        if (_workspace is null || _workspace.MaxBatch < batchSize)
            _workspace = new NetworkWorkspace(_network, batchSize);
        // All outputs go through the loss in one call: with class weights the per-batch weight sums the loss
        // normalizes by are its own, so only one call gives the exact weighted mean.
        _outputs = Sized(_outputs, (long)data.RowCount * width, "outputs");
        if (data.IsView)
            _batchFeatures = Sized(_batchFeatures, (long)batchSize * data.FeatureCount, "features");
        for (int start = 0; start < data.RowCount; start += batchSize)
        {
            int batch = Math.Min(batchSize, data.RowCount - start);
            ReadOnlySpan<float> features;
            if (data.IsView)
            {
                for (int i = 0; i < batch; i++)
                    data.FeaturesOf(start + i).CopyTo(_batchFeatures.AsSpan(i * data.FeatureCount, data.FeatureCount));
                features = _batchFeatures.AsSpan(0, batch * data.FeatureCount);
            }
            else
            {
                features = data.Features.AsSpan(start * data.FeatureCount, batch * data.FeatureCount);
            }
            _network.Forward(_workspace, _context, features, batch).CopyTo(_outputs.AsSpan(start * width, batch * width));
        }
        var outputs = _outputs.AsSpan(0, data.RowCount * width);
        GatherTargetsAndWeights(data, out var targets, out var weights);
        _metric.Accumulate(outputs, targets, weights, data.RowCount, width);
        double loss = _loss.Evaluate(outputs, targets, weights, data.RowCount, width, Span<float>.Empty);
        return (loss, _metric.Result);
    }

    /// <summary>The data's targets and weights as contiguous spans: its own buffers, or a view's rows gathered once per call.</summary>
    private void GatherTargetsAndWeights(TrainingData data, out ReadOnlySpan<float> targets, out ReadOnlySpan<float> weights)
    {
        if (!data.IsView)
        {
            targets = data.Targets;
            weights = data.Weights ?? ReadOnlySpan<float>.Empty;
            return;
        }
        int width = data.TargetWidth;
        _targets = Sized(_targets, (long)data.RowCount * width, "targets");
        if (data.HasWeights)
            _weights = Sized(_weights, data.RowCount, "weights");
        data.CopyTargets(0, data.RowCount, _targets);
        if (data.HasWeights)
            data.CopyWeights(0, data.RowCount, _weights);
        targets = _targets.AsSpan(0, data.RowCount * width);
        weights = data.HasWeights ? _weights.AsSpan(0, data.RowCount) : ReadOnlySpan<float>.Empty;
    }

    private static float[] Sized(float[] buffer, long length, string what)
    {
        if (length > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"Evaluating these rows needs {length:N0} {what}, more than one buffer holds.");
        return buffer.Length >= length ? buffer : new float[length];
    }
}
