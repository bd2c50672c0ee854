namespace MLExtensions.Plots;

/// <summary>One point of a precision-recall curve: predicting positive every row scoring at least <see cref="Threshold"/>
/// gives this recall and precision, both in [0, 1]. A curve starts at threshold +∞ with recall 0 and precision 1, the
/// point scikit-learn's <c>precision_recall_curve</c> puts at the end of its arrays.</summary>
/// <param name="Recall">The share of positive rows scoring at least <see cref="Threshold"/>, in [0, 1].</param>
/// <param name="Precision">The share of rows scoring at least <see cref="Threshold"/> that are positive, in [0, 1].</param>
/// <param name="Threshold">The score from which a row is predicted positive; +∞ for the first point.</param>
public readonly record struct PrecisionRecallPoint(double Recall, double Precision, double Threshold);
