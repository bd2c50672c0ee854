using System.Globalization;
using System.Text;
using MLExtensions.Engine.Text;

namespace MLExtensions;

/// <summary>
/// Which of bias or variance to work on, from training and validation errors and an estimate of the best achievable
/// (Bayes) error. Avoidable bias is training − human-level error; variance is validation − training error; a gap above
/// <see cref="Tolerance"/> counts as high. <see cref="Focus"/> names the larger gap, the one to work on first. Make one
/// with <see cref="Diagnose"/>.
/// </summary>
/// <param name="Category">Which of the two gaps are high.</param>
/// <param name="TrainingError">The training error diagnosed.</param>
/// <param name="ValidationError">The validation error diagnosed.</param>
/// <param name="BayesErrorEstimate">The human-level error given, or 0 when none was.</param>
/// <param name="AvoidableBias">Training error minus <paramref name="BayesErrorEstimate"/>; negative when the model beats it.</param>
/// <param name="Variance">Validation error minus training error; negative when validation is the easier set.</param>
/// <param name="Tolerance">The largest gap that still counted as small.</param>
/// <param name="Remedies">What to try, the larger high gap's remedies first (<see cref="BiasRemedies"/>,
/// <see cref="VarianceRemedies"/>); empty when <paramref name="Category"/> is <see cref="BiasVarianceCategory.Fine"/>.</param>
public sealed record BiasVarianceDiagnosis(
    BiasVarianceCategory Category,
    double TrainingError,
    double ValidationError,
    double BayesErrorEstimate,
    double AvoidableBias,
    double Variance,
    double Tolerance,
    IReadOnlyList<string> Remedies)
{
    /// <summary>Remedies for high avoidable bias (underfitting), most usual first.</summary>
    public static IReadOnlyList<string> BiasRemedies { get; } = new[]
    {
        "train a bigger network (more layers or units)",
        "train longer",
        "use a better optimizer (Adam, momentum, a tuned learning rate)",
        "try a different architecture or better features",
        "reduce regularization",
    };

    /// <summary>Remedies for high variance (overfitting), most usual first.</summary>
    public static IReadOnlyList<string> VarianceRemedies { get; } = new[]
    {
        "get more training data",
        "add regularization (L2, dropout)",
        "use data augmentation",
        "stop early",
        "use a smaller network",
    };

    /// <summary>Whether the avoidable bias is above the tolerance.</summary>
    public bool HasHighBias => Category is BiasVarianceCategory.HighBias or BiasVarianceCategory.HighBiasAndHighVariance;

    /// <summary>Whether the variance is above the tolerance.</summary>
    public bool HasHighVariance => Category is BiasVarianceCategory.HighVariance or BiasVarianceCategory.HighBiasAndHighVariance;

    /// <summary>"bias", "variance" or "none": the larger of the two high gaps.</summary>
    public string Focus => Category switch
    {
        BiasVarianceCategory.Fine => "none",
        BiasVarianceCategory.HighBias => "bias",
        BiasVarianceCategory.HighVariance => "variance",
        _ => AvoidableBias >= Variance ? "bias" : "variance",
    };

    /// <summary>Diagnoses a model from its errors; all errors are in the same units.</summary>
    /// <param name="trainingError">Error on the training set (1 − accuracy, RMSE, ...); finite and non-negative.</param>
    /// <param name="validationError">The same error on held-out data from the same distribution; finite and non-negative.</param>
    /// <param name="humanLevelError">The proxy for Bayes error; without it Bayes error is taken as 0, which is right for
    /// tasks people do almost perfectly and overstates the avoidable bias otherwise. Finite and non-negative when given.</param>
    /// <param name="tolerance">The largest gap that still counts as small, in the error's units (default: one percentage point of
    /// error rate); finite and non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">An error or the tolerance is negative, NaN or infinite.</exception>
    public static BiasVarianceDiagnosis Diagnose(double trainingError, double validationError, double? humanLevelError = null, double tolerance = 0.01)
    {
        CheckError(trainingError, nameof(trainingError));
        CheckError(validationError, nameof(validationError));
        if (humanLevelError is double human)
            CheckError(human, nameof(humanLevelError));
        if (!(tolerance >= 0) || double.IsInfinity(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), $"The tolerance must be a finite number ≥ 0; it is {tolerance}.");

        double bayes = humanLevelError ?? 0;
        double avoidableBias = trainingError - bayes;
        double variance = validationError - trainingError;
        // Errors arrive as differences of decimals (0.16 − 0.15 = 0.0100000000000000089), so a gap equal to the
        // tolerance up to rounding must not count as above it.
        const double rounding = 1e-12;
        bool highBias = avoidableBias - tolerance > rounding;
        bool highVariance = variance - tolerance > rounding;
        var category = (highBias, highVariance) switch
        {
            (true, true) => BiasVarianceCategory.HighBiasAndHighVariance,
            (true, false) => BiasVarianceCategory.HighBias,
            (false, true) => BiasVarianceCategory.HighVariance,
            _ => BiasVarianceCategory.Fine,
        };
        var remedies = new List<string>();
        bool biasFirst = avoidableBias >= variance;
        if (highBias && (biasFirst || !highVariance))
            remedies.AddRange(BiasRemedies);
        if (highVariance)
            remedies.AddRange(VarianceRemedies);
        if (highBias && !biasFirst && highVariance)
            remedies.AddRange(BiasRemedies);
        return new BiasVarianceDiagnosis(category, trainingError, validationError, bayes, avoidableBias, variance, tolerance, remedies);
    }

    private static void CheckError(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, $"An error must be a finite number ≥ 0; {name} is {value}.");
    }

    /// <summary>The diagnosis, a table of the figures and the remedies, as text.</summary>
    public override string ToString()
    {
        static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine($"Diagnosis: {Describe(Category)}" + (Category == BiasVarianceCategory.HighBiasAndHighVariance ? $" (focus on {Focus} first)" : ""));
        var table = new TextTable("quantity", "value");
        table.Add("Bayes error estimate", F(BayesErrorEstimate));
        table.Add("training error", F(TrainingError));
        table.Add("validation error", F(ValidationError));
        table.Add("avoidable bias", F(AvoidableBias));
        table.Add("variance", F(Variance));
        table.Add("tolerance", F(Tolerance));
        table.AppendTo(text);
        if (Remedies.Count > 0)
        {
            text.AppendLine("Remedies:");
            foreach (var remedy in Remedies)
                text.AppendLine($"  - {remedy}");
        }
        return text.ToString();
    }

    private static string Describe(BiasVarianceCategory category) => category switch
    {
        BiasVarianceCategory.HighBias => "high bias (underfitting)",
        BiasVarianceCategory.HighVariance => "high variance (overfitting)",
        BiasVarianceCategory.HighBiasAndHighVariance => "high bias and high variance",
        _ => "fine: low avoidable bias and low variance",
    };
}
