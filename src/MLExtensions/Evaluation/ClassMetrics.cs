namespace MLExtensions;

/// <summary>
/// One class of a multiclass evaluation, one-vs-rest: ML.NET's per-class precision and recall, specificity and F1 of
/// "this class" against all others (0 when a denominator is 0, as scikit-learn's zero_division=0), the number of
/// rows whose actual class it is, and ML.NET's per-class log-loss (mean over those rows, natural log).
/// </summary>
public sealed record ClassMetrics(
    int Index,
    string ClassName,
    double Precision,
    double Recall,
    double Specificity,
    double F1Score,
    long Support,
    double LogLoss);
