namespace MLExtensions;

/// <summary>One training-set size of a learning curve: the rows trained on, and the error on them and on the validation set.</summary>
public sealed record LearningCurvePoint(long TrainingSize, double TrainingError, double ValidationError)
{
    public double Gap => ValidationError - TrainingError;
}
