using System.Globalization;
using System.Text;
using MLExtensions.Engine.Text;

namespace MLExtensions;

/// <summary>Errors by training-set size, and the verdict on whether more data would help.</summary>
public sealed class LearningCurveResult
{
    internal LearningCurveResult(PredictionKind kind, IReadOnlyList<LearningCurvePoint> points, MoreDataVerdict verdict, string explanation)
    {
        Kind = kind;
        Points = points;
        Verdict = verdict;
        Explanation = explanation;
    }

    /// <summary>The task evaluated, which fixes the error: 1 − accuracy for classification, RMSE for regression.</summary>
    public PredictionKind Kind { get; }

    /// <summary>From the smallest training set to the full one.</summary>
    public IReadOnlyList<LearningCurvePoint> Points { get; }

    /// <summary>Whether more data would help, judged from the last doubling of the training set.</summary>
    public MoreDataVerdict Verdict { get; }

    /// <summary>A sentence with the numbers behind the verdict.</summary>
    public string Explanation { get; }

    /// <summary>A text table of the errors by size, then the verdict and its explanation.</summary>
    public override string ToString()
    {
        string error = Kind == PredictionKind.Regression ? "RMSE" : "error rate";
        var text = new StringBuilder();
        text.AppendLine($"Learning curve ({error})");
        var table = new TextTable("training rows", "training", "validation", "gap");
        foreach (var p in Points)
        {
            table.Add(p.TrainingSize.ToString(CultureInfo.InvariantCulture), TextTable.Number(p.TrainingError),
                TextTable.Number(p.ValidationError), TextTable.Number(p.Gap));
        }
        table.AppendTo(text);
        text.AppendLine($"Verdict: {Verdict}. {Explanation}");
        return text.ToString();
    }
}
