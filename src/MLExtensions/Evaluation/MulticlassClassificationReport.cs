using System.Text;
using Microsoft.ML.Data;
using MLExtensions.Engine.Text;

namespace MLExtensions;

/// <summary>
/// What <c>MulticlassClassification.EvaluateDetailed</c> measures: ML.NET's own metrics object (<see cref="Metrics"/>)
/// and, derived from its confusion matrix and per-class log-loss, what ML.NET does not give: a per-class table
/// (precision, recall, specificity, F1, support, log-loss) with macro and weighted averages as scikit-learn's
/// <c>classification_report</c>, the class names, and a printable report.
/// </summary>
public sealed class MulticlassClassificationReport : IEvaluationReport
{
    internal MulticlassClassificationReport(MulticlassClassificationMetrics metrics, IReadOnlyList<string> classNames)
    {
        Metrics = metrics;
        ClassNames = classNames;
        var matrix = metrics.ConfusionMatrix;
        int classes = matrix.NumberOfClasses;
        var counts = new long[classes, classes];
        for (int a = 0; a < classes; a++)
            for (int p = 0; p < classes; p++)
                counts[a, p] = (long)Math.Round(matrix.Counts[a][p]);
        ConfusionMatrix = new ConfusionMatrix(classNames, counts);

        long total = ConfusionMatrix.Total;
        var perClass = new ClassMetrics[classes];
        for (int c = 0; c < classes; c++)
        {
            long support = ConfusionMatrix.ActualCount(c);
            long falsePositives = ConfusionMatrix.PredictedCount(c) - counts[c, c];
            long trueNegatives = total - support - falsePositives;
            double precision = matrix.PerClassPrecision[c], recall = matrix.PerClassRecall[c];
            perClass[c] = new ClassMetrics(c, classNames[c], precision, recall,
                trueNegatives + falsePositives > 0 ? (double)trueNegatives / (trueNegatives + falsePositives) : 0,
                precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0,
                support, metrics.PerClassLogLoss[c]);
        }
        PerClass = perClass;

        // scikit-learn's macro average runs over the classes that occur as a label or as a prediction.
        var occurring = perClass.Where(c => c.Support > 0 || ConfusionMatrix.PredictedCount(c.Index) > 0).ToArray();
        MacroPrecision = Mean(occurring, c => c.Precision);
        MacroRecall = Mean(occurring, c => c.Recall);
        MacroF1Score = Mean(occurring, c => c.F1Score);
        WeightedPrecision = Weighted(perClass, total, c => c.Precision);
        WeightedRecall = Weighted(perClass, total, c => c.Recall);
        WeightedF1Score = Weighted(perClass, total, c => c.F1Score);
    }

    private static double Mean(ClassMetrics[] classes, Func<ClassMetrics, double> metric) => classes.Length > 0 ? classes.Average(metric) : 0;

    private static double Weighted(ClassMetrics[] classes, long total, Func<ClassMetrics, double> metric) =>
        total > 0 ? classes.Sum(c => c.Support * metric(c)) / total : 0;

    /// <summary>ML.NET's metrics, from its own evaluator: micro and macro accuracy, log-loss and its reduction, top-k
    /// accuracy, per-class log-loss and the confusion matrix.</summary>
    public MulticlassClassificationMetrics Metrics { get; }

    /// <summary>In score-slot order: the Score column's SlotNames, else the label's KeyValues, else the class indices.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>ML.NET's confusion matrix with the class names: actual class (rows) by predicted class (columns).</summary>
    public ConfusionMatrix ConfusionMatrix { get; }

    /// <summary>Rows in the confusion matrix: those with a label among the scored classes.</summary>
    public long RowCount => ConfusionMatrix.Total;

    /// <summary>One row per class, in slot order.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; }

    /// <summary>Precision's unweighted mean over the classes that occur as a label or a prediction (scikit-learn's "macro avg").</summary>
    public double MacroPrecision { get; }

    /// <summary>Recall's unweighted mean over the classes that occur as a label or a prediction (scikit-learn's "macro avg").</summary>
    public double MacroRecall { get; }

    /// <summary>F1's unweighted mean over the classes that occur as a label or a prediction (scikit-learn's "macro avg").</summary>
    public double MacroF1Score { get; }

    /// <summary>Precision's mean weighted by each class's support (scikit-learn's "weighted avg").</summary>
    public double WeightedPrecision { get; }

    /// <summary>Recall's mean weighted by each class's support (scikit-learn's "weighted avg").</summary>
    public double WeightedRecall { get; }

    /// <summary>F1's mean weighted by each class's support (scikit-learn's "weighted avg").</summary>
    public double WeightedF1Score { get; }

    /// <inheritdoc/>
    /// <remarks>MicroAccuracy, MacroAccuracy, LogLoss, LogLossReduction, TopKAccuracy when it was requested, then the macro
    /// and weighted precision, recall and F1.</remarks>
    public IReadOnlyDictionary<string, double> MetricValues => Table.Values(this);

    /// <summary>Every name <see cref="MetricValues"/> can hold (TopKAccuracy only when it was requested), in its order.</summary>
    internal static IEnumerable<string> MetricNames => Table.Names;

    private static readonly MetricTable<MulticlassClassificationReport> Table = new(
        (nameof(MulticlassClassificationMetrics.MicroAccuracy), r => r.Metrics.MicroAccuracy),
        (nameof(MulticlassClassificationMetrics.MacroAccuracy), r => r.Metrics.MacroAccuracy),
        (nameof(MulticlassClassificationMetrics.LogLoss), r => r.Metrics.LogLoss),
        (nameof(MulticlassClassificationMetrics.LogLossReduction), r => r.Metrics.LogLossReduction),
        (nameof(MulticlassClassificationMetrics.TopKAccuracy), r => r.Metrics.TopKPredictionCount > 0 ? r.Metrics.TopKAccuracy : null),
        (nameof(MacroPrecision), r => r.MacroPrecision),
        (nameof(MacroRecall), r => r.MacroRecall),
        (nameof(MacroF1Score), r => r.MacroF1Score),
        (nameof(WeightedPrecision), r => r.WeightedPrecision),
        (nameof(WeightedRecall), r => r.WeightedRecall),
        (nameof(WeightedF1Score), r => r.WeightedF1Score)
    );

    /// <summary>A printable report: ML.NET's overall metrics, the per-class table with its averages, and the confusion matrix.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Multiclass classification: {RowCount} rows, {ClassNames.Count} classes");
        var overall = new TextTable("metric", "value");
        foreach (var (name, value) in MetricValues.Take(Metrics.TopKPredictionCount > 0 ? 5 : 4))
            overall.Add(name == nameof(MulticlassClassificationMetrics.TopKAccuracy) ? $"Top{Metrics.TopKPredictionCount}Accuracy" : name, TextTable.Number(value));
        overall.AppendTo(text);
        text.AppendLine();

        var perClass = new TextTable("class", "precision", "recall", "specificity", "f1-score", "support", "log-loss");
        foreach (var c in PerClass)
        {
            perClass.Add(c.ClassName, TextTable.Number(c.Precision), TextTable.Number(c.Recall), TextTable.Number(c.Specificity),
                TextTable.Number(c.F1Score), TextTable.Integer(c.Support), TextTable.Number(c.LogLoss));
        }
        perClass.Add("macro avg", TextTable.Number(MacroPrecision), TextTable.Number(MacroRecall), "", TextTable.Number(MacroF1Score), TextTable.Integer(RowCount), "");
        perClass.Add("weighted avg", TextTable.Number(WeightedPrecision), TextTable.Number(WeightedRecall), "", TextTable.Number(WeightedF1Score), TextTable.Integer(RowCount), "");
        perClass.AppendTo(text);
        text.AppendLine();
        text.AppendLine("Confusion matrix:");
        ConfusionMatrix.AppendTo(text);
        return text.ToString();
    }
}
