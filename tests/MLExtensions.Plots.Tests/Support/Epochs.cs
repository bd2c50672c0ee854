using MLExtensions.Engine.Training;

namespace MLExtensions.Plots.Tests.Support;

/// <summary>Epoch reports written by hand, so every plotted value is known.</summary>
public static class Epochs
{
    public static readonly double[] TrainingLoss = { 1.0, 0.6, 0.4, 0.35, 0.3 };
    public static readonly double[] ValidationLoss = { 1.1, 0.7, 0.5, 0.55, 0.6 };
    public static readonly double[] TrainingAccuracy = { 0.5, 0.7, 0.8, 0.85, 0.9 };
    public static readonly double[] ValidationAccuracy = { 0.45, 0.65, 0.75, 0.74, 0.73 };
    public static readonly float[] LearningRates = { 0.01f, 0.01f, 0.005f, 0.005f, 0.0025f };

    public static List<EpochReport> Five() => Enumerable.Range(0, 5).Select(Epoch).ToList();

    /// <summary>Two layers whose figures change with the epoch in known ways: layer 0's ratio is 10^-(epoch+2), layer 1's 10^-3.</summary>
    public static List<EpochReport> WithDiagnostics(int count) => Enumerable.Range(0, count).Select(WithDiagnosticsAt).ToList();

    private static EpochReport Epoch(int i) =>
        new(i, TrainingLoss[i], TrainingAccuracy[i], ValidationLoss[i], ValidationAccuracy[i], LearningRates[i], TimeSpan.FromMilliseconds(10))
        {
            MetricName = "accuracy",
        };

    private static EpochReport WithDiagnosticsAt(int e) =>
        new(e, 1.0 / (e + 1), double.NaN, double.NaN, double.NaN, 0.01f, TimeSpan.FromMilliseconds(5),
        new[]
        {
            new LayerDiagnostics(0, "dense 4, tanh", Math.Pow(10, -(e + 2)), 1.5,
                new DistributionSummary(0.0, 0.5 + 0.1 * e, -1, 1, new[] { 1, 2, 3, 4 }),
                new DistributionSummary(0.0, 0.01, -0.02, 0.02, new[] { 0, 5, 5, 0 })),
            new LayerDiagnostics(1, "dense 2", 1e-3, 0.8,
                new DistributionSummary(0.5, 1.0, -2, 3, new[] { 2, 2, 2, 2, 2 }),
                new DistributionSummary(0.0, 0.1, -0.2, 0.2, new[] { 1, 0, 1 })),
        })
        {
            MetricName = "accuracy",
        };
}
