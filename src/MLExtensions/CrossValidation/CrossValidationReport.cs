using System.Text;
using MLExtensions.Engine.Text;

namespace MLExtensions;

/// <summary>
/// The result of cross-validation: every fold (model, report, scored hold-out) and, for every numeric metric the
/// reports have, its mean and standard deviation across folds.
/// </summary>
/// <typeparam name="TReport">The evaluation report of the task.</typeparam>
public sealed class CrossValidationReport<TReport>
    where TReport : IEvaluationReport
{
    internal CrossValidationReport(IReadOnlyList<CrossValidationFold<TReport>> folds)
    {
        Folds = folds;
        var names = folds.SelectMany(f => f.Report.MetricValues.Keys).Distinct().ToArray();
        Summary = names.ToDictionary(
            name => name,
            name => MetricSummary.Of(name, folds.Select(f => f.Report.MetricValues.TryGetValue(name, out var v) ? v : double.NaN).ToArray()));
        MetricNames = names;
    }

    /// <summary>Every fold, in fold order (<see cref="CrossValidationFold{TReport}.Index"/> 0, 1, …).</summary>
    public IReadOnlyList<CrossValidationFold<TReport>> Folds { get; }

    /// <summary>Mean and standard deviation of each metric, by the metric's name in the reports' <see cref="IEvaluationReport.MetricValues"/>.</summary>
    public IReadOnlyDictionary<string, MetricSummary> Summary { get; }

    /// <summary>The metric names in the reports' order.</summary>
    public IReadOnlyList<string> MetricNames { get; }

    /// <summary>The summary of the metric named <paramref name="metricName"/> (one of <see cref="MetricNames"/>).</summary>
    /// <exception cref="KeyNotFoundException">The reports have no such metric; the message lists those they have.</exception>
    public MetricSummary this[string metricName] =>
        Summary.TryGetValue(metricName, out var summary)
            ? summary
            : throw new KeyNotFoundException($"No metric '{metricName}'. The reports have: {string.Join(", ", MetricNames)}.");

    /// <summary>A text table: one line per metric with its mean, standard deviation and per-fold values.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Folds.Count}-fold cross-validation ({typeof(TReport).Name})");
        var headers = new[] { "metric", "mean", "std" }.Concat(Folds.Select(f => $"fold {f.Index + 1}")).ToArray();
        var table = new TextTable(headers);
        foreach (var name in MetricNames)
        {
            var s = Summary[name];
            table.Add(new[] { name, TextTable.Number(s.Mean), TextTable.Number(s.StandardDeviation) }
                .Concat(s.Values.Select(v => TextTable.Number(v))).ToArray());
        }
        table.AppendTo(text);
        return text.ToString();
    }
}
