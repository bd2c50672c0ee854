namespace MLExtensions.Distributed;

/// <summary>A learning-curve point (rows trained on, training and validation error), or the curve's training rows in all
/// when the unit asked for them.</summary>
[GenerateSerializer, Alias("MLExtensions.Distributed.LearningCurveOutcome")]
internal sealed class LearningCurveOutcome : UnitOutcome
{
    [Id(0)] public long TrainingRows { get; set; }
    [Id(1)] public double TrainingError { get; set; }
    [Id(2)] public double ValidationError { get; set; }
}
