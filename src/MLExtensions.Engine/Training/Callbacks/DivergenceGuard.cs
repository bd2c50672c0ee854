namespace MLExtensions.Engine.Training.Callbacks;

/// <summary>
/// Stops a fit whose losses run away: a validation loss that is not finite, or a training loss above
/// <c>factor</c> times the first epoch's. (A non-finite training loss never reaches an epoch report: the step that
/// produced it throws <see cref="TrainingDivergedException"/> before updating.) One instance per fit.
/// </summary>
internal sealed class DivergenceGuard
{
    private readonly double _factor;
    private readonly bool _hasValidation;
    private double _firstLoss = double.NaN;

    public DivergenceGuard(double factor, bool hasValidation)
    {
        _factor = factor;
        _hasValidation = hasValidation;
    }

    public StopRequest? Update(EpochReport report)
    {
        if (report.Epoch == 0)
            _firstLoss = report.TrainingLoss;
        if (_hasValidation && !double.IsFinite(report.ValidationLoss))
            return new StopRequest(StopReason.Diverged, $"Epoch {report.Epoch + 1}: the validation loss became {report.ValidationLoss}.");
        if (report.TrainingLoss > _factor * _firstLoss)
            return new StopRequest(StopReason.Diverged,
                $"Epoch {report.Epoch + 1}: the training loss {report.TrainingLoss:G4} exceeds {_factor}× the first epoch's {_firstLoss:G4}.");
        return null;
    }
}
