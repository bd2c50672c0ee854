namespace MLExtensions.Tests.Diagnosis;

public class BiasVarianceDiagnosisTests
{
    // Worked examples of the bias–variance analysis (Ng, Machine Learning Yearning), with human-level error ≈ 0 unless given.
    [Theory]
    [InlineData(0.01, 0.11, null, BiasVarianceCategory.HighVariance)]
    [InlineData(0.15, 0.16, null, BiasVarianceCategory.HighBias)]
    [InlineData(0.15, 0.30, null, BiasVarianceCategory.HighBiasAndHighVariance)]
    [InlineData(0.005, 0.01, null, BiasVarianceCategory.Fine)]
    [InlineData(0.08, 0.10, 0.075, BiasVarianceCategory.HighVariance)]
    [InlineData(0.08, 0.085, 0.01, BiasVarianceCategory.HighBias)]
    public void ClassifiesTheTextbookExamples(double training, double validation, double? human, BiasVarianceCategory expected)
    {
        var diagnosis = BiasVarianceDiagnosis.Diagnose(training, validation, human);
        Assert.Equal(expected, diagnosis.Category);
        Assert.Equal(training - (human ?? 0), diagnosis.AvoidableBias, 12);
        Assert.Equal(validation - training, diagnosis.Variance, 12);
    }

    [Fact]
    public void RemediesMatchTheProblemAndTheLargerGapComesFirst()
    {
        var bias = BiasVarianceDiagnosis.Diagnose(0.15, 0.16);
        Assert.Contains(bias.Remedies, r => r.Contains("bigger network"));
        Assert.DoesNotContain(bias.Remedies, r => r.Contains("more training data"));

        var variance = BiasVarianceDiagnosis.Diagnose(0.01, 0.11);
        Assert.Contains(variance.Remedies, r => r.Contains("regularization (L2, dropout)"));
        Assert.Contains(variance.Remedies, r => r.Contains("stop early"));
        Assert.DoesNotContain(variance.Remedies, r => r.Contains("bigger network"));

        var both = BiasVarianceDiagnosis.Diagnose(0.05, 0.30);
        Assert.Equal("variance", both.Focus);
        Assert.StartsWith("get more training data", both.Remedies[0]);
        Assert.Empty(BiasVarianceDiagnosis.Diagnose(0.005, 0.01).Remedies);
    }

    [Fact]
    public void ToStringNamesTheDiagnosisAndTheGaps()
    {
        string text = BiasVarianceDiagnosis.Diagnose(0.08, 0.10, 0.01).ToString();
        Assert.Contains("high bias", text);
        Assert.Contains("avoidable bias", text);
        Assert.Contains("0.07", text);
        Assert.Contains("Remedies", text);
    }

    [Fact]
    public void RejectsNegativeErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BiasVarianceDiagnosis.Diagnose(-0.1, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => BiasVarianceDiagnosis.Diagnose(0.1, double.NaN));
    }
}
