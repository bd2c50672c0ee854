namespace MLExtensions.Engine.Training.Callbacks;

/// <summary>
/// Keras's EarlyStopping, one instance per fit: counts the epochs since the monitored value last improved (an
/// improvement that fails to beat the baseline does not reset the count) and asks to stop when the count reaches
/// the patience. Which epoch is best, and its weights, are <see cref="BestWeights"/>' business.
/// </summary>
internal sealed class EarlyStopping
{
    private readonly EarlyStoppingOptions _options;
    private readonly BestWeights _best;
    private int _wait;

    public EarlyStopping(EarlyStoppingOptions options, BestWeights best)
    {
        _options = options;
        _best = best;
    }

    /// <summary>Counts one finished epoch; returns a request to stop once the patience has run out, otherwise null.</summary>
    /// <param name="report">The epoch's report.</param>
    /// <param name="improved">Whether <see cref="BestWeights.Update"/> found this epoch the best so far.</param>
    public StopRequest? Update(EpochReport report, bool improved)
    {
        if (report.Epoch < _options.StartEpoch)
            return null;
        _wait++;
        if (improved)
        {
            if (_options.Baseline is not { } baseline || _best.Beats(_best.Best, baseline))
                _wait = 0;
            return null;
        }
        if (_wait < _options.Patience || report.Epoch == 0)
            return null;
        return new StopRequest(StopReason.EarlyStopping,
            $"Epoch {report.Epoch + 1}: {Describe(_best.Monitor)} did not improve for {_wait} epochs; " +
            $"best {_best.Best:G6} at epoch {_best.BestEpoch + 1}.");
    }

    private static string Describe(MonitoredQuantity quantity) => quantity switch
    {
        MonitoredQuantity.ValidationLoss => "the validation loss",
        MonitoredQuantity.ValidationMetric => "the validation metric",
        MonitoredQuantity.TrainingLoss => "the training loss",
        _ => "the training metric",
    };
}
