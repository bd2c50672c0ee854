using System.Diagnostics;
using MLExtensions.Engine.Losses;
using MLExtensions.Engine.Networks;
using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Randomness;
using MLExtensions.Engine.Schedules;

namespace MLExtensions.Engine.Training;

/// <summary>
/// Trains a network for a number of epochs with validation, early stopping, schedules, a divergence guard,
/// progress reports and cancellation. Whatever ends training, the network is left holding finite weights:
/// the best epoch's when early stopping restores them or training diverged or was cancelled.
/// </summary>
public static class NetworkTrainer
{
    public static TrainingHistory Fit(Network network, Loss loss, TrainingData training, TrainingData? validation, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Schedule is not null && options.ReduceOnPlateau is not null)
            throw new ArgumentException("Use either a learning-rate schedule or reduce-on-plateau, not both: each would overwrite the other's learning rate.", nameof(options));
        CheckShape(network, loss, training, nameof(training));
        if (validation is not null)
            CheckShape(network, loss, validation, nameof(validation));

        var seeds = new RandomSource(options.Seed);
        if (validation is null && options.ValidationFraction > 0)
            (training, validation) = HoldOut.Split(training, options.ValidationFraction, HoldOut.IsClassification(loss), seeds.Fork());
        else
            seeds.Fork();
        CheckMonitor(options.EarlyStopping?.Monitor, validation, "early stopping");
        if (options.ReduceOnPlateau is not null)
            CheckMonitor(options.PlateauMonitor, validation, "reduce-on-plateau");

        var optimizer = options.Optimizer ?? new Adam(1e-3f);
        float initialLearningRate = optimizer.LearningRate;
        using var trainer = new MiniBatchTrainer(network, loss, optimizer, options.BatchSize, options.NumberOfThreads, seeds.NextUInt64())
        {
            Clipping = options.Clipping,
            StepSchedule = options.ScheduleUnit == ScheduleUnit.Step ? options.Schedule : null,
            InitialLearningRate = initialLearningRate,
        };
        var evaluator = validation is null ? null : new NetworkEvaluator(network, loss, pool: trainer.Pool);
        TrainingDiagnostics? diagnostics = null;
        if (options.CollectDiagnostics)
        {
            diagnostics = new TrainingDiagnostics(network, loss, training, options.ProbeBatchSize, trainer.Pool, seeds.NextUInt64());
            trainer.BeforeUpdate = diagnostics.RememberParameters;
        }

        var history = new TrainingHistory();
        var early = options.EarlyStopping;
        var bestMonitor = early?.Monitor ?? (validation is null ? MonitoredQuantity.TrainingLoss : MonitoredQuantity.ValidationLoss);
        bool maximize = early?.MaximizeMonitor ?? IsMetric(bestMonitor) && trainer.Metric.HigherIsBetter;
        double best = maximize ? double.NegativeInfinity : double.PositiveInfinity;
        var bestSnapshot = network.Snapshot();
        int wait = 0;
        double firstLoss = double.NaN;
        options.ReduceOnPlateau?.Reset();

        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            if (options.CancellationToken.IsCancellationRequested)
            {
                Stop(history, StopReason.Cancelled, $"Training was cancelled before epoch {epoch + 1}.");
                break;
            }
            if (options.Schedule is not null && options.ScheduleUnit == ScheduleUnit.Epoch)
                optimizer.LearningRate = options.Schedule.LearningRate(initialLearningRate, epoch);
            float learningRate = optimizer.LearningRate;

            var clock = Stopwatch.StartNew();
            double trainingLoss;
            try
            {
                trainingLoss = trainer.TrainEpoch(training, options.CancellationToken);
            }
            catch (TrainingDivergedException e)
            {
                Stop(history, StopReason.Diverged, $"Epoch {epoch + 1}: {e.Message}");
                break;
            }
            catch (OperationCanceledException) when (options.CancellationToken.IsCancellationRequested)
            {
                Stop(history, StopReason.Cancelled, $"Training was cancelled during epoch {epoch + 1}.");
                break;
            }
            double trainingMetric = trainer.Metric.Result;
            var (validationLoss, validationMetric) = evaluator?.Evaluate(validation!) ?? (double.NaN, double.NaN);
            var layerDiagnostics = diagnostics?.Collect();
            clock.Stop();

            var report = new EpochReport(epoch, trainingLoss, trainingMetric, validationLoss, validationMetric, learningRate, clock.Elapsed, layerDiagnostics)
            {
                MetricName = trainer.Metric.Name,
            };
            history.Add(report);
            options.Progress?.Report(report);

            if (epoch == 0)
                firstLoss = trainingLoss;
            if (validation is not null && !double.IsFinite(validationLoss))
            {
                Stop(history, StopReason.Diverged, $"Epoch {epoch + 1}: the validation loss became {validationLoss}.");
                break;
            }
            if (trainingLoss > options.DivergenceFactor * firstLoss)
            {
                Stop(history, StopReason.Diverged,
                    $"Epoch {epoch + 1}: the training loss {trainingLoss:G4} exceeds {options.DivergenceFactor}× the first epoch's {firstLoss:G4}.");
                break;
            }

            // As in Keras, epochs before the early-stopping start epoch are neither judged nor remembered as best.
            if (early is null || epoch >= early.StartEpoch)
            {
                double current = Monitored(report, bestMonitor);
                double minDelta = early?.MinDelta ?? 0;
                bool improved = maximize ? current - minDelta > best : current + minDelta < best;
                if (improved)
                {
                    best = current;
                    bestSnapshot = network.Snapshot();
                    history.BestEpoch = epoch;
                }
                if (early is not null)
                {
                    wait++;
                    if (improved)
                    {
                        bool beatsBaseline = early.Baseline is not { } baseline || (maximize ? current - minDelta > baseline : current + minDelta < baseline);
                        if (beatsBaseline)
                            wait = 0;
                    }
                    else if (wait >= early.Patience && epoch > 0)
                    {
                        Stop(history, StopReason.EarlyStopping,
                            $"Epoch {epoch + 1}: {Describe(bestMonitor)} did not improve for {wait} epochs; best {best:G6} at epoch {history.BestEpoch + 1}.");
                        break;
                    }
                }
            }

            if (options.ReduceOnPlateau is not null)
                optimizer.LearningRate = options.ReduceOnPlateau.Update(Monitored(report, options.PlateauMonitor), optimizer.LearningRate);
        }

        if (history.StopReason == StopReason.Completed)
            history.StopMessage = $"Completed {options.Epochs} epochs.";
        bool restoreBest = history.StopReason is StopReason.Diverged or StopReason.Cancelled || (early?.RestoreBestWeights ?? false);
        if (restoreBest)
            network.Restore(bestSnapshot);
        else
            history.BestEpoch = history.Epochs.Count - 1;
        return history;
    }

    private static void Stop(TrainingHistory history, StopReason reason, string message)
    {
        history.StopReason = reason;
        history.StopMessage = message;
    }

    private static bool IsMetric(MonitoredQuantity quantity) =>
        quantity is MonitoredQuantity.TrainingMetric or MonitoredQuantity.ValidationMetric;

    private static double Monitored(EpochReport report, MonitoredQuantity quantity) => quantity switch
    {
        MonitoredQuantity.ValidationLoss => report.ValidationLoss,
        MonitoredQuantity.ValidationMetric => report.ValidationMetric,
        MonitoredQuantity.TrainingLoss => report.TrainingLoss,
        _ => report.TrainingMetric,
    };

    private static string Describe(MonitoredQuantity quantity) => quantity switch
    {
        MonitoredQuantity.ValidationLoss => "the validation loss",
        MonitoredQuantity.ValidationMetric => "the validation metric",
        MonitoredQuantity.TrainingLoss => "the training loss",
        _ => "the training metric",
    };

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
