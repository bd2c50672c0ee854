using System.Globalization;
using Microsoft.ML.Data;

namespace Quickstart;

/// <summary>One model's held-out figures, from ML.NET's multiclass evaluator, and how long it took to fit.</summary>
internal sealed record ComparisonRow(string Model, MulticlassClassificationMetrics Metrics, double FitSeconds)
{
    public static void Print(IReadOnlyList<ComparisonRow> rows)
    {
        string[] headers = { "model", "accuracy", "macro accuracy", "log-loss", "fit seconds" };
        var cells = rows.Select(r => new[]
        {
            r.Model,
            r.Metrics.MicroAccuracy.ToString("0.0000", CultureInfo.InvariantCulture),
            r.Metrics.MacroAccuracy.ToString("0.0000", CultureInfo.InvariantCulture),
            r.Metrics.LogLoss.ToString("0.0000", CultureInfo.InvariantCulture),
            r.FitSeconds.ToString("0.00", CultureInfo.InvariantCulture),
        }).ToList();
        var widths = headers.Select((h, c) => Math.Max(h.Length, cells.Max(row => row[c].Length))).ToArray();
        string Line(string[] values) => "  " + string.Join("  ", values.Select((v, c) => c == 0 ? v.PadRight(widths[c]) : v.PadLeft(widths[c])));
        Console.WriteLine(Line(headers));
        Console.WriteLine("  " + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
            Console.WriteLine(Line(row));
    }
}
