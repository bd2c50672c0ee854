namespace MLExtensions;

/// <summary>One training-set size of a learning curve: the rows trained on, and the error on them and on the validation set.</summary>
/// <param name="TrainingSize">The rows the model was fitted on (a stratified subset may hold a few more or fewer than asked).</param>
/// <param name="TrainingError">The error on those rows: 1 − accuracy for classification, RMSE for regression.</param>
/// <param name="ValidationError">The same error on the validation set.</param>
public sealed record LearningCurvePoint(long TrainingSize, double TrainingError, double ValidationError)
{
    /// <summary>Validation error minus training error: how much the model overfits at this size.</summary>
    public double Gap => ValidationError - TrainingError;
}
