using System.Diagnostics;
using MLExtensions.Engine.Layers;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Parallelism;
using MLExtensions.Engine.Training;

namespace MLExtensions.Engine.FullBatch;

/// <summary>
/// Full-batch training with L-BFGS, for small data sets where a quasi-Newton method converges in far fewer
/// passes than gradient descent (scikit-learn's <c>solver="lbfgs"</c>). Every evaluation runs the whole data set
/// forward and backward in one batch, so the objective is exact and deterministic; stochastic layers (dropout)
/// would make it noisy and are refused.
/// </summary>
public static class FullBatchLbfgs
{
    /// <summary>
    /// Minimizes the full-batch loss of <paramref name="network"/> on <paramref name="data"/>, plus the weight penalties of
    /// its trainable layers, and leaves the network at the point L-BFGS returned. The network must be built and
    /// initialized; its layers run in training mode, so a batch normalization uses the statistics of the whole data set.
    /// </summary>
    /// <param name="network">A built network without dropout layers; its parameters are the starting point and receive the result.</param>
    /// <param name="loss">The objective; its target width must match the data's.</param>
    /// <param name="data">Every training row, evaluated as one batch (a view is copied to contiguous buffers first).</param>
    /// <param name="lbfgs">The minimizer's settings; <see langword="null"/> (the default) for <see cref="Lbfgs"/>'s defaults.</param>
    /// <param name="numberOfThreads">Threads for the matrix products: 1 (the default) runs on the calling thread; 1 to <see cref="WorkerPool.MaximumThreadCount"/>.</param>
    /// <param name="cancellationToken">Stops the minimization between iterations; the network keeps the last accepted point.</param>
    /// <returns>What <see cref="Lbfgs.Minimize"/> reports.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/>, <paramref name="loss"/> or <paramref name="data"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The network has a dropout layer or a max-norm bound, or the data's feature count or target width does not match the
    /// network and loss.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numberOfThreads"/> is not from 1 to <see cref="WorkerPool.MaximumThreadCount"/>.</exception>
    public static LbfgsResult Fit(Network network, Loss loss, TrainingData data, Lbfgs? lbfgs = null, int numberOfThreads = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(data);
        if (network.Layers.Any(l => l is DropoutLayerBase))
            throw new ArgumentException("L-BFGS needs a deterministic objective; remove the dropout layers or train with a mini-batch optimizer.", nameof(network));
        // A max-norm bound rescales weights after a step; L-BFGS's line search and curvature pairs assume the point it
        // chose is the point evaluated, so a bound would be silently ignored or would break the search.
        if (network.Layers.OfType<DenseLayer>().Any(d => d.MaxNorm is not null))
            throw new ArgumentException("L-BFGS cannot keep a max-norm bound; remove MaxNorm from the dense layers or train with a mini-batch optimizer.", nameof(network));
        WorkerPool.CheckThreadCount(numberOfThreads, nameof(numberOfThreads));
        if (data.FeatureCount != network.InputSize)
            throw new ArgumentException($"The data has {data.FeatureCount} features; the network expects {network.InputSize}.", nameof(data));
        if (data.TargetWidth != loss.TargetWidth(network.OutputSize))
            throw new ArgumentException($"The data has {data.TargetWidth} target values per row; the {loss.Name} loss expects {loss.TargetWidth(network.OutputSize)}.", nameof(data));

        // The objective runs every row in one batch, straight from the buffers: a view is made contiguous first.
        data = data.Compact();
        using var pool = numberOfThreads > 1 ? new WorkerPool(numberOfThreads) : null;
        var workspace = new NetworkWorkspace(network, data.RowCount);
        var context = new LayerContext(pool, training: true, new Randomness.RandomSource(0));
        float[] weights = data.Weights ?? Array.Empty<float>();

        double Objective(ReadOnlySpan<float> parameters, Span<float> gradient)
        {
            parameters.CopyTo(network.Parameters);
            network.MarkParametersChanged();
            var outputs = network.Forward(workspace, context, data.Features, data.RowCount);
            double value = loss.Evaluate(outputs, data.Targets, weights, data.RowCount, network.OutputSize, workspace.OutputGradient(data.RowCount));
            network.Backward(workspace, context, data.Features, data.RowCount);
            for (int i = 0; i < network.Layers.Count; i++)
                if (network.Layers[i].Trainable)
                {
                    value += network.Layers[i].PenaltyValue();
                    network.Layers[i].AddPenaltyGradients(0, network.Layers[i].ParameterCount);
                }
            network.Gradients.CopyTo(gradient);
            return value;
        }

        // L-BFGS evaluates trial points of its own; the network's buffer is only scratch for the objective, and
        // receives the final point at the end.
        var point = network.SnapshotParameters();
        var result = (lbfgs ?? new Lbfgs()).Minimize(point, Objective, cancellationToken);
        network.RestoreParameters(point);
        return result;
    }

    /// <summary>
    /// <see cref="Fit"/> reported as a <see cref="TrainingHistory"/> of one entry: the final training (and
    /// validation) loss and metric, the stop reason and why. A run that cannot reach a finite loss is reported as
    /// diverged and leaves the initial weights. <paramref name="progress"/> receives that one entry.
    /// </summary>
    public static TrainingHistory Train(Network network, Loss loss, TrainingData training, TrainingData? validation, Lbfgs lbfgs,
        int numberOfThreads = 1, CancellationToken cancellationToken = default, IProgress<EpochReport>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(lbfgs);
        var initial = network.Snapshot();
        var clock = Stopwatch.StartNew();
        var result = Fit(network, loss, training, lbfgs, numberOfThreads, cancellationToken);
        clock.Stop();

        if (result.StopReason == LbfgsStopReason.Cancelled && result.Iterations == 0)
        {
            // Cancelled before a single iteration: there is no trained model to return.
            network.Restore(initial);
            throw new OperationCanceledException("Training was cancelled before L-BFGS completed an iteration.", cancellationToken);
        }
        var history = new TrainingHistory();
        if (result.StopReason == LbfgsStopReason.NonFiniteLoss)
        {
            network.Restore(initial);
            history.StopReason = StopReason.Diverged;
            history.StopMessage = "L-BFGS found no finite loss from the initial weights.";
            return history;
        }
        var evaluator = new NetworkEvaluator(network, loss);
        var (trainingLoss, trainingMetric) = evaluator.Evaluate(training);
        var (validationLoss, validationMetric) = validation is null ? (double.NaN, double.NaN) : evaluator.Evaluate(validation);
        var report = new EpochReport(0, trainingLoss, trainingMetric, validationLoss, validationMetric, 0f, clock.Elapsed)
        {
            MetricName = TaskMetric.For(loss, network.OutputSize).Name,
        };
        history.Add(report);
        progress?.Report(report);
        history.BestEpoch = 0;
        history.StopReason = result.StopReason == LbfgsStopReason.Cancelled ? StopReason.Cancelled : StopReason.Completed;
        history.StopMessage = $"L-BFGS stopped after {result.Iterations} iterations ({result.FunctionEvaluations} evaluations): {result.StopReason}, loss {result.Loss:G6}.";
        return history;
    }
}
