using System.Text;
using Microsoft.ML.Data;
using MLExtensions.Engine.Text;

namespace MLExtensions;

/// <summary>
/// What <c>Regression.EvaluateDetailed</c> measures: ML.NET's own metrics object (<see cref="Metrics"/>) plus
/// explained variance and max error as scikit-learn defines them, and a printable report.
/// </summary>
public sealed class RegressionReport : IEvaluationReport
{
    internal RegressionReport(RegressionMetrics metrics, IReadOnlyList<double> labels, IReadOnlyList<double> residuals)
    {
        Metrics = metrics;
        int n = residuals.Count;
        RowCount = n;
        if (n == 0)
        {
            ExplainedVariance = MaxError = double.NaN;
            return;
        }
        double residualVariance = Variance(residuals);
        double labelVariance = Variance(labels);
        ExplainedVariance = labelVariance == 0 ? double.NaN : 1 - residualVariance / labelVariance;
        MaxError = residuals.Max(Math.Abs);
    }

    private static double Variance(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Count;
    }

    /// <summary>ML.NET's metrics, from its own evaluator: mean absolute and squared error, RMSE, the loss function's mean and R².</summary>
    public RegressionMetrics Metrics { get; }

    /// <summary>Rows evaluated: a label that is not NaN and a score that is not NaN.</summary>
    public long RowCount { get; }

    /// <summary>scikit-learn's explained_variance_score: 1 − Var(label − score) / Var(label), which ignores a constant bias;
    /// NaN for constant labels.</summary>
    public double ExplainedVariance { get; }

    /// <summary>The largest |label − score|, scikit-learn's max_error.</summary>
    public double MaxError { get; }

    /// <inheritdoc/>
    /// <remarks>MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, RSquared, <see cref="ExplainedVariance"/> and
    /// <see cref="MaxError"/>.</remarks>
    public IReadOnlyDictionary<string, double> MetricValues => Table.Values(this);

    /// <summary>Every name <see cref="MetricValues"/> holds, in its order.</summary>
    internal static IEnumerable<string> MetricNames => Table.Names;

    private static readonly MetricTable<RegressionReport> Table = new(
        (nameof(RegressionMetrics.MeanSquaredError), r => r.Metrics.MeanSquaredError),
        (nameof(RegressionMetrics.RootMeanSquaredError), r => r.Metrics.RootMeanSquaredError),
        (nameof(RegressionMetrics.MeanAbsoluteError), r => r.Metrics.MeanAbsoluteError),
        (nameof(RegressionMetrics.RSquared), r => r.Metrics.RSquared),
        (nameof(ExplainedVariance), r => r.ExplainedVariance),
        (nameof(MaxError), r => r.MaxError)
    );

    /// <summary>A printable report: the row count and every metric of <see cref="MetricValues"/>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Regression: {RowCount} rows");
        var table = new TextTable("metric", "value");
        foreach (var (name, value) in MetricValues)
            table.Add(name, TextTable.Number(value, "0.######"));
        table.AppendTo(text);
        return text.ToString();
    }
}
