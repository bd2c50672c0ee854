using System.Runtime.Intrinsics.X86;
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
/// backward, weight penalties, clipping, optimizer update, constraints. Without clipping, the update runs inside the
/// backward pass: each block of a dense layer's weight gradient moves its weights as
/// soon as the product has finished it, on the thread that computed it, with the same bits. Batch size 1 is online learning; a
/// batch as large as the data is full-batch gradient descent. Buffers are sized, in 64 bits, for the largest batch that
/// actually occurs (at most the rows there are), once; after that a step allocates nothing. A batch whose weights sum to
/// zero (an all-zero-weight batch, or one whose classes all weigh zero) contributes nothing and takes no step.
/// </summary>
public sealed class MiniBatchTrainer : IDisposable, IBackwardListener
{
    private readonly WorkerPool? _pool;
    private readonly LayerContext _context;
    private readonly RandomSource _shuffleRandom;
    private readonly Range[] _layerSlices;

    // Sized for the largest batch actually seen, never for BatchSize itself: a batch size beyond the rows costs nothing.
    private NetworkWorkspace? _workspace;
    private float[] _batchFeatures = Array.Empty<float>();
    private float[] _batchTargets = Array.Empty<float>();
    private float[] _batchWeights = Array.Empty<float>();
    private readonly Range[] _trainableRanges;
    private int[] _order = Array.Empty<int>();

    /// <summary>Creates a trainer; nothing is trained until <see cref="TrainEpoch"/> or <see cref="Step(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>.</summary>
    /// <param name="network">The network to train in place.</param>
    /// <param name="loss">The loss to minimize.</param>
    /// <param name="optimizer">The optimizer; it keeps its state (moments, iteration count) across trainers.</param>
    /// <param name="batchSize">Rows per step; positive. An epoch over fewer rows uses them all as one batch.</param>
    /// <param name="numberOfThreads">Threads the matrix products run on, the caller included; positive, at most
    /// <see cref="WorkerPool.MaximumThreadCount"/>. Default 1; more starts a <see cref="WorkerPool"/> that
    /// <see cref="Dispose"/> stops.</param>
    /// <param name="seed">Seeds the row order of each epoch and the random layers (dropout). Default 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/>, <paramref name="loss"/> or <paramref name="optimizer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> or <paramref name="numberOfThreads"/> is out of range.</exception>
    public MiniBatchTrainer(Network network, Loss loss, Optimizer optimizer, int batchSize, int numberOfThreads = 1, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        WorkerPool.CheckThreadCount(numberOfThreads, nameof(numberOfThreads));

        Network = network;
        Loss = loss;
        Optimizer = optimizer;
        BatchSize = batchSize;
        Metric = TaskMetric.For(loss, network.OutputSize);
        var random = new RandomSource(seed);
        _shuffleRandom = random.Fork();
        _pool = numberOfThreads > 1 ? new WorkerPool(numberOfThreads) : null;
        _context = new LayerContext(_pool, training: true, random.Fork());
        _layerSlices = Enumerable.Range(0, network.Layers.Count)
            .Select(i => new Range(network.ParameterOffset(i), network.ParameterOffset(i) + network.Layers[i].ParameterCount))
            .ToArray();
        _trainableRanges = new Range[_layerSlices.Length];
    }

    /// <summary>The network being trained.</summary>
    public Network Network { get; }

    /// <summary>The loss being minimized.</summary>
    public Loss Loss { get; }

    /// <summary>The optimizer that applies each step's update.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Rows per step, as given (an epoch over fewer rows takes them all as one batch).</summary>
    public int BatchSize { get; }

    /// <summary>The pool the trainer's matrix products run on (null when single-threaded).</summary>
    public WorkerPool? Pool => _pool;

    /// <summary>The training metric of the steps since the last <see cref="TaskMetric.Reset"/>.</summary>
    public TaskMetric Metric { get; }

    /// <summary>Gradient clipping applied after each backward pass, before the update; null (the default) does not clip.</summary>
    public GradientClippingOptions? Clipping { get; set; }

    /// <summary>
    /// Called in each step once its loss is known to be finite, before the backward pass and so before any parameter
    /// moves (the diagnostics keep the parameters before the update here).
    /// </summary>
    internal Action? BeforeBackward { get; set; }

    /// <summary>The mean loss over the last epoch's batches without the weight penalties: what the divergence guard compares.</summary>
    internal double LastEpochDataLoss { get; private set; } = double.NaN;

    /// <summary>One step on the given rows; returns the batch's weighted mean loss plus penalties, before the update.</summary>
    /// <param name="features">The batch's features, [<paramref name="batch"/> × input size], row-major.</param>
    /// <param name="targets">The batch's targets, [batch × the loss's target width].</param>
    /// <param name="weights">One weight per row, or empty for weight 1 each.</param>
    /// <param name="batch">The number of rows; positive.</param>
    /// <exception cref="TrainingDivergedException">The loss or the gradient norm became NaN or infinite; the update was
    /// not applied.</exception>
    public double Step(ReadOnlySpan<float> features, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int batch) =>
        Step(features, targets, weights, batch, out _);

    private double Step(ReadOnlySpan<float> features, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, int batch, out double dataLoss)
    {
        int outputs = Network.OutputSize;
        var workspace = Workspace(batch);
        var phases = Phases;
        var predictions = Network.Forward(workspace, _context, features, batch);
        phases?.End(StepPhaseTimes.Phase.Forward);
        var outputGradient = workspace.OutputGradient(batch);
        double loss = Loss.Evaluate(predictions, targets, weights, batch, outputs, outputGradient);
        dataLoss = loss;
        Metric.Accumulate(predictions, targets, weights, batch, outputs);
        if (!double.IsFinite(loss))
            throw Diverged(loss);
        BeforeBackward?.Invoke();
        phases?.End(StepPhaseTimes.Phase.Loss);

        // The penalties read only the weights, which nothing has moved yet: a non-finite one stops the step before any
        // layer moves, whichever way the update runs. Index loops: foreach over the IReadOnlyList would allocate an
        // enumerator every step.
        var layers = Network.Layers;
        for (int i = 0; i < layers.Count; i++)
            if (layers[i].Trainable)
                loss += layers[i].PenaltyValue();
        if (!double.IsFinite(loss))
            throw Diverged(loss);
        phases?.End(StepPhaseTimes.Phase.Penalties);

        var clipping = Clipping;
        if (clipping is null)
        {
            // Nothing needs the whole gradient before the update, so each part of it is applied as soon as the backward
            // pass has made it final, while it is still in cache, on the thread that computed it (IBackwardListener).
            // Each parameter's update is the same arithmetic either way, so both paths give the same bits.
            Optimizer.StartStep(Network.Parameters.Length);
            try
            {
                Network.Backward(workspace, _context, features, batch, listener: this);
            }
            catch
            {
                // Some layers may have moved already: whatever caches the parameters must not keep serving the old ones.
                Network.MarkParametersChanged();
                throw;
            }
        }
        else
        {
            Network.Backward(workspace, _context, features, batch);
            phases?.End(StepPhaseTimes.Phase.Backward);
            for (int i = 0; i < layers.Count; i++)
                if (layers[i].Trainable)
                    layers[i].AddPenaltyGradients(0, layers[i].ParameterCount);
            if (!double.IsFinite(clipping.Apply(Network.Gradients, _layerSlices)))
                throw Diverged(double.NaN, "the gradient norm became NaN or infinite");
            phases?.End(StepPhaseTimes.Phase.Penalties);

            int trainable = TrainableRanges();
            Optimizer.StartStep(Network.Parameters.Length);
            Optimizer.ApplyStep(Network.Parameters, Network.Gradients, _trainableRanges.AsSpan(0, trainable), _pool);
            phases?.End(StepPhaseTimes.Phase.Update);
            for (int i = 0; i < layers.Count; i++)
                if (layers[i].Trainable)
                    layers[i].ApplyConstraints();
        }
        Network.MarkParametersChanged();
        phases?.End(StepPhaseTimes.Phase.Constraints);
        return loss;
    }

    /// <summary>
    /// A finished part of a dense layer's gradients, within the step <see cref="Optimizer.StartStep"/> began: its penalties'
    /// gradients, then the optimizer's move of those parameters, on the thread that computed the part (so without the pool).
    /// </summary>
    void IBackwardListener.GradientsFinished(int layerIndex, int offset, int length)
    {
        Network.Layers[layerIndex].AddPenaltyGradients(offset, length);
        int start = _layerSlices[layerIndex].Start.Value + offset;
        Span<Range> part = stackalloc Range[] { new Range(start, start + length) };
        Optimizer.ApplyStep(Network.Parameters, Network.Gradients, part, pool: null);
    }

    /// <summary>
    /// A trainable layer's backward pass is done: a layer that did not report its parts is updated whole, then the layer's
    /// constraints (max-norm needs every weight of a unit) are applied.
    /// </summary>
    void IBackwardListener.LayerFinished(int layerIndex)
    {
        var phases = Phases;
        phases?.End(StepPhaseTimes.Phase.Backward);
        var layer = Network.Layers[layerIndex];
        if (!layer.ReportsFinishedGradients)
        {
            layer.AddPenaltyGradients(0, layer.ParameterCount);
            Optimizer.ApplyStep(Network.Parameters, Network.Gradients, _layerSlices.AsSpan(layerIndex, 1), _pool);
        }
        layer.ApplyConstraints();
        phases?.End(StepPhaseTimes.Phase.Update);
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
    /// One pass over the data in a new random order; returns the mean loss over its batches, weighted by rows. Batches whose
    /// weights sum to zero are skipped and count for nothing. <see cref="Metric"/> then holds the epoch's training metric.
    /// </summary>
    /// <param name="data">The rows to train on; whole buffers or a view.</param>
    /// <param name="cancellationToken">Checked before each batch.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data's feature count or target width does not fit the network and loss, or
    /// every row weighs zero.</exception>
    /// <exception cref="TrainingDivergedException">A step's loss or gradient norm became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was signalled.</exception>
    public double TrainEpoch(TrainingData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != Network.InputSize)
            throw new ArgumentException($"The data has {data.FeatureCount} features; the network expects {Network.InputSize}.", nameof(data));
        int targetWidth = Loss.TargetWidth(Network.OutputSize);
        if (data.TargetWidth != targetWidth)
            throw new ArgumentException($"The data has {data.TargetWidth} target values per row; the {Loss.Name} loss expects {targetWidth}.", nameof(data));

        int batchSize = Math.Min(BatchSize, data.RowCount);
        EnsureBatchBuffers(batchSize, data.FeatureCount, targetWidth);
        if (_order.Length != data.RowCount)
            _order = new int[data.RowCount];
        for (int i = 0; i < _order.Length; i++)
            _order[i] = i;
        _shuffleRandom.Shuffle(_order.AsSpan());

        Metric.Reset();
        double weightedLoss = 0, weightedDataLoss = 0;
        long contributingRows = 0;
        for (int start = 0; start < data.RowCount; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int batch = Math.Min(batchSize, data.RowCount - start);
            Phases?.Start();
            Gather(data, start, batch, targetWidth);
            var weights = data.HasWeights ? _batchWeights.AsSpan(0, batch) : ReadOnlySpan<float>.Empty;
            // The loss's mean is undefined for a batch of zero total weight: that batch carries no information, so no step.
            if (!(Loss.TotalWeight(_batchTargets, weights, batch, Network.OutputSize) > 0))
                continue;
            Phases?.End(StepPhaseTimes.Phase.Gather);
            weightedLoss += batch * Step(_batchFeatures, _batchTargets, weights, batch, out double dataLoss);
            weightedDataLoss += batch * dataLoss;
            contributingRows += batch;
        }
        if (contributingRows == 0)
            throw new ArgumentException(
                "Every example weight of the training data is zero (with the class weights applied), so there is nothing to train on.", nameof(data));
        LastEpochDataLoss = weightedDataLoss / contributingRows;
        return weightedLoss / contributingRows;
    }

    /// <summary>The workspace for a batch of <paramref name="batch"/> rows, made (or made larger) on first need.</summary>
    private NetworkWorkspace Workspace(int batch)
    {
        if (_workspace is null || _workspace.MaxBatch < batch)
            _workspace = new NetworkWorkspace(Network, batch);
        return _workspace;
    }

    private void EnsureBatchBuffers(int batch, int features, int targetWidth)
    {
        if (_batchWeights.Length >= batch)
            return;
        long featureValues = (long)batch * features, targetValues = (long)batch * targetWidth;
        if (featureValues > Array.MaxLength || targetValues > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(batch), batch,
                $"A batch of {batch:N0} rows of {features:N0} features needs {featureValues:N0} values, more than one buffer holds; use a smaller batch.");
        Workspace(batch);
        _batchFeatures = new float[featureValues];
        _batchTargets = new float[targetValues];
        _batchWeights = new float[batch];
    }

    /// <summary>
    /// Copies the rows <c>_order[start..start + batch]</c> into the batch buffers. The rows of a shuffled batch are scattered
    /// over the data, so the copy waits on memory: with a pool, its threads copy disjoint parts of the batch (a copy, so
    /// the result is the same bits on any thread count).
    /// </summary>
    private void Gather(TrainingData data, int start, int batch, int targetWidth)
    {
        if (_pool is not null && (long)batch * data.FeatureCount >= ParallelGatherThreshold)
        {
            _gatherWork ??= new GatherWork(this);
            _gatherWork.Run(_pool, data, start, batch, targetWidth);
        }
        else
        {
            GatherRows(data, start, 0, batch, targetWidth);
        }
    }

    // Below this many feature values a batch is copied faster than the pool's threads can be woken for it.
    private const int ParallelGatherThreshold = 1 << 14;

    private GatherWork? _gatherWork;

    private unsafe void GatherRows(TrainingData data, int start, int from, int to, int targetWidth)
    {
        int features = data.FeatureCount;
        var featureBuffer = data.FeatureBuffer;
        var targetBuffer = data.TargetBuffer;
        var weightBuffer = data.WeightBuffer;
        fixed (float* source = featureBuffer)
        {
            for (int i = from; i < to; i++)
            {
                // A shuffled row lies anywhere in the data, so its copy would wait on memory: the row a few ahead is
                // requested now, and arrives while this one and the next are copied.
                if (Sse.IsSupported && i + PrefetchAhead < to)
                    Prefetch((byte*)(source + (long)data.SourceRow(_order[start + i + PrefetchAhead]) * features), features * sizeof(float));
                int row = data.SourceRow(_order[start + i]);
                featureBuffer.AsSpan(row * features, features).CopyTo(_batchFeatures.AsSpan(i * features, features));
                targetBuffer.AsSpan(row * targetWidth, targetWidth).CopyTo(_batchTargets.AsSpan(i * targetWidth, targetWidth));
                if (weightBuffer is not null)
                    _batchWeights[i] = weightBuffer[row];
            }
        }
    }

    private const int PrefetchAhead = 2;

    private static unsafe void Prefetch(byte* start, int bytes)
    {
        for (int offset = 0; offset < bytes; offset += 64)
            Sse.Prefetch0(start + offset);
    }

    /// <summary>One part of a batch per pool thread; holds the epoch's data only while <see cref="Run"/> runs.</summary>
    private sealed class GatherWork(MiniBatchTrainer owner) : ParallelWork
    {
        private TrainingData? _data;
        private int _start, _batch, _targetWidth, _parts;

        public void Run(WorkerPool pool, TrainingData data, int start, int batch, int targetWidth)
        {
            (_data, _start, _batch, _targetWidth, _parts) = (data, start, batch, targetWidth, pool.ThreadCount);
            try
            {
                pool.Run(this, _parts);
            }
            finally
            {
                _data = null;
            }
        }

        public override void Execute(int index) =>
            owner.GatherRows(_data!, _start, (int)((long)_batch * index / _parts), (int)((long)_batch * (index + 1) / _parts), _targetWidth);
    }

    /// <summary>When set, the phases of each step <see cref="TrainEpoch"/> takes are timed into it (the training benchmark's
    /// breakdown); null by default.</summary>
    internal StepPhaseTimes? Phases { get; set; }

    /// <summary>Stops the worker threads, if the trainer started any.</summary>
    public void Dispose() => _pool?.Dispose();
}
