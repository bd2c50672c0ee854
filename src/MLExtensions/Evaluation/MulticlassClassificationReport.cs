using System.Text;

namespace MLExtensions;

/// <summary>
/// Everything <c>MulticlassClassification.EvaluateDetailed</c> measures. Micro/macro accuracy, log-loss, its
/// reduction and top-k accuracy follow ML.NET's <c>MulticlassClassificationMetrics</c> definitions (noted on each);
/// the per-class table and its macro and weighted averages follow sklearn's classification_report.
/// </summary>
public sealed class MulticlassClassificationReport : IEvaluationReport
{
    internal MulticlassClassificationReport() { }

    /// <summary>Rows evaluated: a non-negative integer label and finite scores.</summary>
    public long RowCount { get; internal init; }

    /// <summary>Rows left out as ML.NET leaves them out: missing, negative or fractional label, or a non-finite score.</summary>
    public long SkippedRowCount { get; internal init; }

    /// <summary>Rows whose label is beyond the score vector (a class the model never saw): wrong, and charged −ln(1e-15) of log-loss, as in ML.NET.</summary>
    public long UnknownClassRowCount { get; internal init; }

    /// <summary>In score-slot order: the Score column's SlotNames, else the label's KeyValues, else the class indices.</summary>
    public IReadOnlyList<string> ClassNames { get; internal init; } = Array.Empty<string>();

    /// <summary>ML.NET's MicroAccuracy: the fraction of rows whose label gets the highest score (ties go to the lower slot).</summary>
    public double MicroAccuracy { get; internal init; }

    /// <summary>ML.NET's MacroAccuracy: the mean over classes present in the labels of each class's recall.</summary>
    public double MacroAccuracy { get; internal init; }

    /// <summary>ML.NET's LogLoss: the mean of −ln p(true class), p clipped to [1e-15, 1] (natural log, unlike the binary log-loss in bits).</summary>
    public double LogLoss { get; internal init; }

    /// <summary>ML.NET's LogLossReduction: (H − LogLoss) / H with H the entropy (nats) of the label distribution, i.e. the log-loss of predicting the prior.</summary>
    public double LogLossReduction { get; internal init; }

    /// <summary>The k asked for; 0 when top-k accuracy was not requested.</summary>
    public int TopK { get; internal init; }

    /// <summary>ML.NET's TopKAccuracy: the fraction of rows whose label ranks among the k highest scores (ties ranked by slot); NaN when <see cref="TopK"/> is 0.</summary>
    public double TopKAccuracy { get; internal init; }

    /// <summary>Top-k accuracy for every k from 1 to the number of classes (element k − 1).</summary>
    public IReadOnlyList<double> TopKAccuracies { get; internal init; } = Array.Empty<double>();

    /// <summary>One row per class, in slot order.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; internal init; } = Array.Empty<ClassMetrics>();

    /// <summary>Unweighted means over the classes that occur as a label or a prediction (sklearn's "macro avg").</summary>
    public double MacroPrecision { get; internal init; }
    public double MacroRecall { get; internal init; }
    public double MacroF1Score { get; internal init; }

    /// <summary>Means weighted by each class's support (sklearn's "weighted avg").</summary>
    public double WeightedPrecision { get; internal init; }
    public double WeightedRecall { get; internal init; }
    public double WeightedF1Score { get; internal init; }

    /// <summary>Actual class (rows) by predicted class (columns); rows of unknown classes are not in it.</summary>
    public ConfusionMatrix ConfusionMatrix { get; internal init; } = null!;

    public IReadOnlyDictionary<string, double> Metrics
    {
        get
        {
            var metrics = new Dictionary<string, double>
            {
                [nameof(MicroAccuracy)] = MicroAccuracy,
                [nameof(MacroAccuracy)] = MacroAccuracy,
                [nameof(LogLoss)] = LogLoss,
                [nameof(LogLossReduction)] = LogLossReduction,
            };
            if (TopK > 0)
                metrics[nameof(TopKAccuracy)] = TopKAccuracy;
            metrics[nameof(MacroPrecision)] = MacroPrecision;
            metrics[nameof(MacroRecall)] = MacroRecall;
            metrics[nameof(MacroF1Score)] = MacroF1Score;
            metrics[nameof(WeightedPrecision)] = WeightedPrecision;
            metrics[nameof(WeightedRecall)] = WeightedRecall;
            metrics[nameof(WeightedF1Score)] = WeightedF1Score;
            return metrics;
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Multiclass classification: {RowCount} rows, {ClassNames.Count} classes" +
                        (SkippedRowCount > 0 ? $", {SkippedRowCount} skipped" : "") +
                        (UnknownClassRowCount > 0 ? $", {UnknownClassRowCount} of unknown classes" : ""));
        var overall = new TextTable("metric", "value");
        foreach (var (name, value) in Metrics.Take(TopK > 0 ? 5 : 4))
            overall.Add(name == nameof(TopKAccuracy) ? $"Top{TopK}Accuracy" : name, TextTable.Number(value));
        overall.AppendTo(text);
        text.AppendLine();

        var perClass = new TextTable("class", "precision", "recall", "specificity", "f1-score", "support", "log-loss");
        foreach (var c in PerClass)
        {
            perClass.Add(c.ClassName, TextTable.Number(c.Precision), TextTable.Number(c.Recall), TextTable.Number(c.Specificity),
                TextTable.Number(c.F1Score), TextTable.Integer(c.Support), TextTable.Number(c.LogLoss));
        }
        long support = PerClass.Sum(c => c.Support);
        perClass.Add("macro avg", TextTable.Number(MacroPrecision), TextTable.Number(MacroRecall), "", TextTable.Number(MacroF1Score), TextTable.Integer(support), "");
        perClass.Add("weighted avg", TextTable.Number(WeightedPrecision), TextTable.Number(WeightedRecall), "", TextTable.Number(WeightedF1Score), TextTable.Integer(support), "");
        perClass.AppendTo(text);
        text.AppendLine();
        text.AppendLine("Confusion matrix:");
        ConfusionMatrix.AppendTo(text);
        return text.ToString();
    }
}
