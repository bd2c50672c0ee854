namespace MLExtensions.Plots;

/// <summary>One point of a precision-recall curve: predicting positive every row scoring at least <see cref="Threshold"/>
/// gives this recall and precision. The first point (threshold +∞) is recall 0, precision 1, as scikit-learn starts it.</summary>
public readonly record struct PrecisionRecallPoint(double Recall, double Precision, double Threshold);
