using System.Diagnostics;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Training.Callbacks;

namespace MLExtensions.Engine.Training;

/// <summary>
/// Trains a network for a number of epochs with validation, early stopping, schedules, a divergence guard,
/// progress reports and cancellation. Whatever ends training, the network is left holding finite weights:
/// the best epoch's when early stopping restores them or training diverged or was cancelled.
/// </summary>
public static class NetworkTrainer
{
    /// <summary>
    /// Trains <paramref name="network"/> in place. Divergence does not throw: it ends training with
    /// <see cref="StopReason.Diverged"/> and the best finite weights, as recorded in the returned history.
    /// </summary>
    /// <param name="network">The network to train, already initialized; its weights change.</param>
    /// <param name="loss">The loss to minimize; its target width must match the data's.</param>
    /// <param name="training">The training rows.</param>
    /// <param name="validation">Rows to validate on after each epoch, or null to hold some out
    /// (<see cref="TrainingOptions.ValidationFraction"/>) or to train without validation.</param>
    /// <param name="options">How to train.</param>
    /// <returns>Every epoch's report, why training stopped, and which epoch's weights the network now holds.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="validation"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    /// <exception cref="ArgumentException">The data's feature count or target width does not fit the network and loss; all
    /// the rows of a data set weigh zero; a monitor watches validation figures without a validation set; or the
    /// optimizer has a schedule and <see cref="TrainingOptions.ReduceOnPlateau"/> is set.</exception>
    /// <exception cref="OperationCanceledException">The cancellation token was signalled before the first epoch finished;
    /// the network is left as it came.</exception>
    public static TrainingHistory Fit(Network network, Loss loss, TrainingData training, TrainingData? validation, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var optimizer = options.Optimizer ?? new Adam(1e-3f);
        if (optimizer.Schedule is not null && options.ReduceOnPlateau is not null)
            throw new ArgumentException("Use either a learning-rate schedule or reduce-on-plateau, not both: each would set the other's learning rate.", nameof(options));
        CheckShape(network, loss, training, nameof(training));
        if (validation is not null)
            CheckShape(network, loss, validation, nameof(validation));

        // Cancelled before anything was trained: no model exists, so this is the caller's OperationCanceledException.
        options.CancellationToken.ThrowIfCancellationRequested();
        var history = new TrainingHistory();
        var seeds = new RandomSource(options.Seed);
        bool heldOut = validation is null && options.ValidationFraction > 0;
        if (heldOut)
        {
            var split = HoldOut.Split(training, options.ValidationFraction, HoldOut.IsClassification(loss), seeds.Fork());
            (training, validation) = split;
            if (split.Note is { } note)
                history.AddNote(note);
        }
        else
        {
            seeds.Fork();
        }
        CheckWeights(loss, network, training, "training");
        if (validation is not null)
            CheckWeights(loss, network, validation, heldOut ? "held-out validation" : "validation");
        CheckMonitor(options.EarlyStopping?.Monitor, validation, "early stopping");
        if (options.ReduceOnPlateau is not null)
            CheckMonitor(options.PlateauMonitor, validation, "reduce-on-plateau");

        using var trainer = new MiniBatchTrainer(network, loss, optimizer, options.BatchSize, options.NumberOfThreads, seeds.NextUInt64())
        {
            Clipping = options.Clipping,
        };
        var evaluator = validation is null ? null : new NetworkEvaluator(network, loss, pool: trainer.Pool);
        TrainingDiagnostics? diagnostics = null;
        if (options.CollectDiagnostics)
        {
            diagnostics = new TrainingDiagnostics(network, loss, training, options.ProbeBatchSize, trainer.Pool, seeds.NextUInt64());
            trainer.BeforeBackward = diagnostics.RememberParameters;
        }

        // Keras's fit: the loop trains and reports; small per-fit objects judge each epoch.
        var early = options.EarlyStopping;
        var monitor = early?.Monitor ?? (validation is null ? MonitoredQuantity.TrainingLoss : MonitoredQuantity.ValidationLoss);
        bool maximize = early?.MaximizeMonitor ?? IsMetric(monitor) && trainer.Metric.HigherIsBetter;
        var best = new BestWeights(network, monitor, maximize, early?.MinDelta ?? 0, early?.StartEpoch ?? 0);
        var earlyStopping = early is null ? null : new EarlyStopping(early, best);
        var baseline = double.IsPositiveInfinity(options.DivergenceFactor)
            ? new DivergenceBaseline(double.NaN, "")
            : DivergenceBaseline.Measure(network, loss, training, trainer.Pool);
        var divergence = new DivergenceGuard(options.DivergenceFactor, validation is not null, baseline);
        var plateau = options.ReduceOnPlateau is null ? null : new PlateauReduction(options.ReduceOnPlateau, options.PlateauMonitor, optimizer);

        // The weights of the last finished epoch within bounds, kept only while no epoch has been judged best (a warm-up
        // before the monitor's start epoch), so that a cancellation, a divergence or restoring the best weights then still
        // hands back a trained model rather than the initial weights.
        NetworkSnapshot? lastFinished = null;
        int lastFinishedEpoch = -1;
        StopRequest? stop = null;
        for (int epoch = 0; epoch < options.Epochs && stop is null; epoch++)
        {
            if (options.CancellationToken.IsCancellationRequested)
            {
                stop = new StopRequest(StopReason.Cancelled, $"Training was cancelled before epoch {epoch + 1}.");
                break;
            }
            optimizer.BeginEpoch(epoch);
            float learningRate = optimizer.LearningRate;

            var clock = Stopwatch.StartNew();
            double trainingLoss;
            try
            {
                trainingLoss = trainer.TrainEpoch(training, options.CancellationToken);
            }
            catch (TrainingDivergedException e)
            {
                stop = new StopRequest(StopReason.Diverged, $"Epoch {epoch + 1}: {e.Message}");
                break;
            }
            catch (OperationCanceledException) when (options.CancellationToken.IsCancellationRequested)
            {
                stop = new StopRequest(StopReason.Cancelled, $"Training was cancelled during epoch {epoch + 1}.");
                break;
            }
            var (validationLoss, validationMetric) = evaluator?.Evaluate(validation!) ?? (double.NaN, double.NaN);
            var report = new EpochReport(epoch, trainingLoss, trainer.Metric.Result, validationLoss, validationMetric, learningRate,
                clock.Elapsed, diagnostics?.Collect())
            {
                MetricName = trainer.Metric.Name,
            };
            history.Add(report);
            options.Progress?.Report(report);

            stop = divergence.Update(report, trainer.LastEpochDataLoss);
            if (stop is null)
            {
                bool improved = best.Update(report);
                stop = earlyStopping?.Update(report, improved);
                plateau?.Update(report);
                if (best.BestEpoch >= 0)
                    lastFinished = null;
                else if (lastFinished is null)
                    lastFinished = network.Snapshot();
                else
                    network.SnapshotInto(lastFinished);
                lastFinishedEpoch = epoch;
            }
        }

        history.StopReason = stop?.Reason ?? StopReason.Completed;
        history.StopMessage = stop?.Message ?? $"Completed {options.Epochs} epochs.";
        if (history.StopReason == StopReason.Cancelled && history.Epochs.Count == 0)
        {
            // No epoch finished, so no model exists: leave the network as it came and tell the caller, as .NET does.
            best.Restore();
            throw new OperationCanceledException(history.StopMessage, options.CancellationToken);
        }
        bool restoresBest = history.StopReason is StopReason.Diverged or StopReason.Cancelled || (early?.RestoreBestWeights ?? false);
        if (restoresBest && best.BestEpoch < 0 && lastFinished is not null)
        {
            network.Restore(lastFinished);
            history.BestEpoch = lastFinishedEpoch;
        }
        else if (restoresBest)
        {
            best.Restore();
            history.BestEpoch = best.BestEpoch;
        }
        else
        {
            history.BestEpoch = history.Epochs.Count - 1;
        }
        return history;
    }

    /// <summary>Refuses data whose weights (with the class weights) all are zero: its mean loss is undefined. The loss sees
    /// every row at once, so a message about a row (an invalid target) numbers it within the whole data.</summary>
    private static void CheckWeights(Loss loss, Network network, TrainingData data, string role)
    {
        var targets = data.IsView ? new float[(long)data.RowCount * data.TargetWidth] : data.Targets;
        var weights = !data.HasWeights ? Array.Empty<float>() : data.IsView ? new float[data.RowCount] : data.Weights!;
        if (data.IsView)
        {
            data.CopyTargets(0, data.RowCount, targets);
            if (data.HasWeights)
                data.CopyWeights(0, data.RowCount, weights);
        }
        if (loss.TotalWeight(targets, weights, data.RowCount, network.OutputSize) > 0)
            return;
        throw new ArgumentException(
            $"Every example weight of the {role} data is zero (with the class weights applied), so its loss is undefined: " +
            "give some of its rows a positive weight.");
    }

    private static bool IsMetric(MonitoredQuantity quantity) =>
        quantity is MonitoredQuantity.TrainingMetric or MonitoredQuantity.ValidationMetric;

    private static void CheckMonitor(MonitoredQuantity? monitor, TrainingData? validation, string what)
    {
        if (validation is null && monitor is MonitoredQuantity.ValidationLoss or MonitoredQuantity.ValidationMetric)
            throw new ArgumentException(
                $"{char.ToUpperInvariant(what[0])}{what[1..]} monitors {monitor} but there is no validation set: pass one or set ValidationFraction.");
    }

    private static void CheckShape(Network network, Loss loss, TrainingData data, string name)
    {
        if (data.FeatureCount != network.InputSize)
            throw new ArgumentException($"The {name} data has {data.FeatureCount} features; the network expects {network.InputSize}.", name);
        int width = loss.TargetWidth(network.OutputSize);
        if (data.TargetWidth != width)
            throw new ArgumentException($"The {name} data has {data.TargetWidth} target values per row; the {loss.Name} loss expects {width}.", name);
    }
}
