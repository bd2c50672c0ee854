namespace MLExtensions;

/// <summary>
/// One point of the ROC curve: predicting positive for every row whose score is at least <see cref="Threshold"/>
/// gives these false and true positive rates. The first point has threshold +∞ (nothing predicted positive).
/// </summary>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);
