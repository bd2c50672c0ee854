namespace MLExtensions.Engine.Training.Callbacks;

/// <summary>
/// Stops a fit whose losses run away: a validation loss that is not finite, or an epoch's training loss (without the
/// weight penalties) above <c>factor</c> times the <see cref="DivergenceBaseline"/> measured before the first update. The
/// baseline does not depend on how the first epoch went, so a run that is already far off in its first epoch is caught
/// there. (A non-finite training loss never reaches an epoch report: the step that produced it throws
/// <see cref="TrainingDivergedException"/> before updating.) One instance per fit.
/// </summary>
internal sealed class DivergenceGuard
{
    private readonly double _factor;
    private readonly bool _hasValidation;
    private readonly DivergenceBaseline _baseline;

    public DivergenceGuard(double factor, bool hasValidation, DivergenceBaseline baseline)
    {
        _factor = factor;
        _hasValidation = hasValidation;
        _baseline = baseline;
    }

    /// <summary>Judges one finished epoch; returns a request to stop when its losses ran away, otherwise null.</summary>
    /// <param name="report">The epoch's report.</param>
    /// <param name="dataLoss">The epoch's mean training loss without weight penalties.</param>
    public StopRequest? Update(EpochReport report, double dataLoss)
    {
        if (_hasValidation && !double.IsFinite(report.ValidationLoss))
            return new StopRequest(StopReason.Diverged,
                $"Epoch {report.Epoch + 1}: the validation loss became {report.ValidationLoss}. {Advice(report)}");
        // A baseline of zero (a constant target the network already fits) or none at all gives no scale to judge by.
        if (_baseline.Value > 0 && dataLoss > _factor * _baseline.Value)
            return new StopRequest(StopReason.Diverged,
                $"Epoch {report.Epoch + 1}: the training loss {dataLoss:G4} exceeds {_factor}× {_baseline.Description} ({_baseline.Value:G4}), " +
                $"so training diverged. {Advice(report)}");
        return null;
    }

    private string Advice(EpochReport report) =>
        $"Lower the learning rate (it was {report.LearningRate:G3}), clip the gradients, or standardize the features (and, for regression, " +
        $"the targets); the divergence factor ({_factor}) sets how far above the baseline a loss may go.";
}
