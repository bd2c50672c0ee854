using MLExtensions.Engine.Optimizers;
using MLExtensions.Engine.Schedules;

namespace MLExtensions.Engine.Training.Callbacks;

/// <summary>Keras's ReduceLROnPlateau for one fit: feeds each epoch's monitored value to a fresh tracker and lowers the
/// optimizer's learning rate when the tracker says so. Only for optimizers without a schedule (which owns the rate).</summary>
internal sealed class PlateauReduction
{
    private readonly PlateauTracker _tracker;
    private readonly MonitoredQuantity _monitor;
    private readonly Optimizer _optimizer;

    public PlateauReduction(ReduceLearningRateOnPlateau settings, MonitoredQuantity monitor, Optimizer optimizer)
    {
        _tracker = settings.CreateTracker();
        _monitor = monitor;
        _optimizer = optimizer;
    }

    public void Update(EpochReport report) =>
        _optimizer.LearningRate = _tracker.Update(report.Value(_monitor), _optimizer.LearningRate);
}
