using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Parallelism;

namespace MLExtensions.Engine.Training;

/// <summary>Loss and metric of a network over a data set, in inference mode, batch by batch.</summary>
public sealed class NetworkEvaluator
{
    private readonly Network _network;
    private readonly Loss _loss;
    private readonly NetworkWorkspace _workspace;
    private readonly LayerContext _context;
    private readonly TaskMetric _metric;
    private float[] _outputs = Array.Empty<float>();

    public NetworkEvaluator(Network network, Loss loss, int batchSize = 1024, WorkerPool? pool = null)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _loss = loss ?? throw new ArgumentNullException(nameof(loss));
        _workspace = new NetworkWorkspace(network, batchSize);
        _context = LayerContext.Inference(pool);
        _metric = TaskMetric.For(loss, network.OutputSize);
    }

    /// <summary>The weighted mean loss (without penalties) and the task metric.</summary>
    public (double Loss, double Metric) Evaluate(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _metric.Reset();
        int width = _network.OutputSize;
        // All outputs go through the loss in one call: with class weights the per-batch weight sums the loss
        // normalizes by are its own, so only one call gives the exact weighted mean.
        if (_outputs.Length < data.RowCount * width)
            _outputs = new float[data.RowCount * width];
        for (int start = 0; start < data.RowCount; start += _workspace.MaxBatch)
        {
            int batch = Math.Min(_workspace.MaxBatch, data.RowCount - start);
            var features = data.Features.AsSpan(start * data.FeatureCount, batch * data.FeatureCount);
            _network.Forward(_workspace, _context, features, batch).CopyTo(_outputs.AsSpan(start * width, batch * width));
        }
        var outputs = _outputs.AsSpan(0, data.RowCount * width);
        var weights = data.Weights is null ? ReadOnlySpan<float>.Empty : data.Weights;
        _metric.Accumulate(outputs, data.Targets, weights, data.RowCount, width);
        double loss = _loss.Evaluate(outputs, data.Targets, weights, data.RowCount, width, Span<float>.Empty);
        return (loss, _metric.Result);
    }
}
