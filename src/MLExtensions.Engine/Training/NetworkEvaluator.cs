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

    public NetworkEvaluator(Network network, Loss loss, int batchSize = 1024, WorkerPool? pool = null)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _loss = loss ?? throw new ArgumentNullException(nameof(loss));
        _workspace = new NetworkWorkspace(network, batchSize);
        _context = LayerContext.Inference(pool);
        _metric = TaskMetric.For(loss);
    }

    /// <summary>The weighted mean loss (without penalties) and the task metric.</summary>
    public (double Loss, double Metric) Evaluate(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _metric.Reset();
        double lossSum = 0, weightSum = 0;
        int width = _network.OutputSize, targetWidth = data.TargetWidth;
        for (int start = 0; start < data.RowCount; start += _workspace.MaxBatch)
        {
            int batch = Math.Min(_workspace.MaxBatch, data.RowCount - start);
            var features = data.Features.AsSpan(start * data.FeatureCount, batch * data.FeatureCount);
            var targets = data.Targets.AsSpan(start * targetWidth, batch * targetWidth);
            var weights = data.Weights is null ? ReadOnlySpan<float>.Empty : data.Weights.AsSpan(start, batch);
            var outputs = _network.Forward(_workspace, _context, features, batch);
            double batchWeight = weights.IsEmpty ? batch : Sum(weights);
            if (batchWeight > 0)
            {
                lossSum += batchWeight * _loss.Evaluate(outputs, targets, weights, batch, width, Span<float>.Empty);
                weightSum += batchWeight;
            }
            _metric.Accumulate(outputs, targets, weights, batch, width);
        }
        return (weightSum > 0 ? lossSum / weightSum : double.NaN, _metric.Result);
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
            sum += v;
        return sum;
    }
}
