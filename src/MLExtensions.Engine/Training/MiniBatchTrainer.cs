using MLExtensions.Engine.Clipping;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Training;

/// <summary>
/// Mini-batch gradient descent over a <see cref="TrainingData"/>: each epoch visits the rows in a fresh
/// seeded permutation, gathers each batch into one contiguous buffer and takes one step — forward, loss,
/// backward, weight penalties, clipping, optimizer update, constraints. Batch size 1 is online learning; a
/// batch as large as the data is full-batch gradient descent. After construction a step allocates nothing.
/// </summary>
public sealed class MiniBatchTrainer : IDisposable
{
    private readonly WorkerPool? _pool;
    private readonly NetworkWorkspace _workspace;
    private readonly LayerContext _context;
    private readonly RandomSource _shuffleRandom;
    private readonly float[] _batchFeatures;
    private readonly float[] _batchTargets;
    private readonly float[] _batchWeights;
    private readonly Range[] _layerSlices;
    private readonly Range[] _trainableRanges;
    private int[] _order = Array.Empty<int>();

    public MiniBatchTrainer(Network network, Loss loss, Optimizer optimizer, int batchSize, int numberOfThreads = 1, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        if (numberOfThreads <= 0)
            throw new ArgumentOutOfRangeException(nameof(numberOfThreads), numberOfThreads, "The number of threads must be positive.");

        Network = network;
        Loss = loss;
        Optimizer = optimizer;
        BatchSize = batchSize;
        Metric = TaskMetric.For(loss, network.OutputSize);
        var random = new RandomSource(seed);
        _shuffleRandom = random.Fork();
        _pool = numberOfThreads > 1 ? new WorkerPool(numberOfThreads) : null;
        _context = new LayerContext(_pool, training: true, random.Fork());
        _workspace = new NetworkWorkspace(network, batchSize);
        _batchFeatures = new float[batchSize * network.InputSize];
        _batchTargets = new float[batchSize * loss.TargetWidth(network.OutputSize)];
        _batchWeights = new float[batchSize];
        _layerSlices = Enumerable.Range(0, network.Layers.Count)
            .Select(i => new Range(network.ParameterOffset(i), network.ParameterOffset(i) + network.Layers[i].ParameterCount))
            .ToArray();
        _trainableRanges = new Range[_layerSlices.Length];
    }

    public Network Network { get; }
    public Loss Loss { get; }
    public Optimizer Optimizer { get; }
    public int BatchSize { get; }

    /// <summary>The pool the trainer's matrix products run on (null when single-threaded).</summary>
    public WorkerPool? Pool => _pool;

    /// <summary>The training metric of the steps since the last <see cref="TaskMetric.Reset"/>.</summary>
    public TaskMetric Metric { get; }

    public GradientClippingOptions? Clipping { get; set; }

    /// <summary>Called after the backward pass and clipping, before the update (diagnostics hook).</summary>
    internal Action? BeforeUpdate { get; set; }

    /// <summary>One step on the given rows; returns the batch's weighted mean loss plus penalties, before the update.</summary>
    public double Step(ReadOnlySpan<float> features, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int batch)
    {
        int outputs = Network.OutputSize;
        var predictions = Network.Forward(_workspace, _context, features, batch);
        var outputGradient = _workspace.OutputGradient(batch);
        double loss = Loss.Evaluate(predictions, targets, weights, batch, outputs, outputGradient);
        Metric.Accumulate(predictions, targets, weights, batch, outputs);
        if (!double.IsFinite(loss))
            throw Diverged(loss);

        Network.Backward(_workspace, _context, features, batch);
        // Index loops: foreach over the IReadOnlyList would allocate an enumerator every step.
        var layers = Network.Layers;
        for (int i = 0; i < layers.Count; i++)
            if (layers[i].Trainable)
                loss += layers[i].ApplyPenalties();
        if (!double.IsFinite(loss))
            throw Diverged(loss);
        if (Clipping is not null && !double.IsFinite(Clipping.Apply(Network.Gradients, _layerSlices)))
            throw Diverged(double.NaN, "the gradient norm became NaN or infinite");

        BeforeUpdate?.Invoke();
        int trainable = TrainableRanges();
        if (trainable == _layerSlices.Length)
            Optimizer.Update(Network.Parameters, Network.Gradients, _pool);
        else
            Optimizer.Update(Network.Parameters, Network.Gradients, _trainableRanges.AsSpan(0, trainable), _pool);
        for (int i = 0; i < layers.Count; i++)
            if (layers[i].Trainable)
                layers[i].ApplyConstraints();
        Network.MarkParametersChanged();
        return loss;
    }

    /// <summary>Fills the trainable layers' parameter ranges; frozen layers stay out of the optimizer's reach.</summary>
    private int TrainableRanges()
    {
        int count = 0;
        for (int i = 0; i < _layerSlices.Length; i++)
            if (Network.Layers[i].Trainable)
                _trainableRanges[count++] = _layerSlices[i];
        return count;
    }

    private TrainingDivergedException Diverged(double loss, string? what = null) => new(
        $"Training diverged: {what ?? $"the loss became {loss}"} at update {Optimizer.Iterations + 1}; " +
        "this step's update was not applied. Lower the learning rate, clip gradients or standardize the features.");

    /// <summary>
    /// One pass over the data in a new random order; returns the mean loss over its batches, weighted by rows.
    /// <see cref="Metric"/> then holds the epoch's training metric.
    /// </summary>
    public double TrainEpoch(TrainingData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != Network.InputSize)
            throw new ArgumentException($"The data has {data.FeatureCount} features; the network expects {Network.InputSize}.", nameof(data));
        int targetWidth = Loss.TargetWidth(Network.OutputSize);
        if (data.TargetWidth != targetWidth)
            throw new ArgumentException($"The data has {data.TargetWidth} target values per row; the {Loss.Name} loss expects {targetWidth}.", nameof(data));

        if (_order.Length != data.RowCount)
            _order = new int[data.RowCount];
        for (int i = 0; i < _order.Length; i++)
            _order[i] = i;
        _shuffleRandom.Shuffle(_order.AsSpan());

        Metric.Reset();
        double weightedLoss = 0;
        for (int start = 0; start < data.RowCount; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int batch = Math.Min(BatchSize, data.RowCount - start);
            Gather(data, _order.AsSpan(start, batch), targetWidth);
            var weights = data.Weights is null ? ReadOnlySpan<float>.Empty : _batchWeights.AsSpan(0, batch);
            weightedLoss += batch * Step(_batchFeatures, _batchTargets, weights, batch);
        }
        return weightedLoss / data.RowCount;
    }

    private void Gather(TrainingData data, ReadOnlySpan<int> rows, int targetWidth)
    {
        int features = data.FeatureCount;
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            data.Features.AsSpan(row * features, features).CopyTo(_batchFeatures.AsSpan(i * features, features));
            data.Targets.AsSpan(row * targetWidth, targetWidth).CopyTo(_batchTargets.AsSpan(i * targetWidth, targetWidth));
            if (data.Weights is not null)
                _batchWeights[i] = data.Weights[row];
        }
    }

    public void Dispose() => _pool?.Dispose();
}
