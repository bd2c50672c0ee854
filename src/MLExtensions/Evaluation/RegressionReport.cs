using System.Text;

namespace MLExtensions;

/// <summary>
/// Everything <c>Regression.EvaluateDetailed</c> measures: ML.NET's <c>RegressionMetrics</c> (same definitions)
/// plus explained variance and max error as sklearn defines them.
/// </summary>
public sealed class RegressionReport : IEvaluationReport
{
    internal RegressionReport() { }

    /// <summary>Rows evaluated: a label that is not NaN and a score that is not NaN.</summary>
    public long RowCount { get; internal init; }

    /// <summary>Rows left out as ML.NET leaves them out: NaN label or NaN score.</summary>
    public long SkippedRowCount { get; internal init; }

    /// <summary>Mean of (label − score)², ML.NET's MeanSquaredError.</summary>
    public double MeanSquaredError { get; internal init; }

    /// <summary>√MSE, ML.NET's RootMeanSquaredError.</summary>
    public double RootMeanSquaredError { get; internal init; }

    /// <summary>Mean of |label − score|, ML.NET's MeanAbsoluteError.</summary>
    public double MeanAbsoluteError { get; internal init; }

    /// <summary>ML.NET's RSquared: 1 − SSres / SStot with SStot around the label mean; NaN when the labels are all equal (as ML.NET).</summary>
    public double RSquared { get; internal init; }

    /// <summary>sklearn's explained_variance_score: 1 − Var(label − score) / Var(label), which ignores a constant bias; NaN for constant labels.</summary>
    public double ExplainedVariance { get; internal init; }

    /// <summary>The largest |label − score|, sklearn's max_error.</summary>
    public double MaxError { get; internal init; }

    public IReadOnlyDictionary<string, double> Metrics => new Dictionary<string, double>
    {
        [nameof(MeanSquaredError)] = MeanSquaredError,
        [nameof(RootMeanSquaredError)] = RootMeanSquaredError,
        [nameof(MeanAbsoluteError)] = MeanAbsoluteError,
        [nameof(RSquared)] = RSquared,
        [nameof(ExplainedVariance)] = ExplainedVariance,
        [nameof(MaxError)] = MaxError,
    };

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Regression: {RowCount} rows" + (SkippedRowCount > 0 ? $", {SkippedRowCount} skipped" : ""));
        var table = new TextTable("metric", "value");
        foreach (var (name, value) in Metrics)
            table.Add(name, TextTable.Number(value, "0.######"));
        table.AppendTo(text);
        return text.ToString();
    }
}
