using System.Globalization;
using ScottPlot;

namespace MLExtensions.Plots;

/// <summary>
/// The bias/variance table as a picture: human-level (Bayes) error, training error and validation error as bars, with
/// the avoidable bias (training − human-level) and the variance (validation − training) bracketed between them, each
/// coloured red when it is above the tolerance, and the diagnosis in the title.
/// </summary>
public sealed class BiasVarianceDisplay : Display
{
    private BiasVarianceDisplay(Plot plot, BiasVarianceDiagnosis diagnosis, double[] bars)
        : base(new[] { plot }, columns: 1, defaultWidth: 640, defaultHeight: 500)
    {
        Plot = plot;
        Diagnosis = diagnosis;
        BarValues = bars;
    }

    /// <summary>The one panel: three bars with their values, the two gaps bracketed between them (red when high, green
    /// otherwise), and the diagnosis as the title.</summary>
    public Plot Plot { get; }

    /// <summary>The diagnosis drawn.</summary>
    public BiasVarianceDiagnosis Diagnosis { get; }

    /// <summary>The three bar heights: human-level (Bayes) error, training error, validation error.</summary>
    public IReadOnlyList<double> BarValues { get; }

    /// <summary>Draws a diagnosis made by <see cref="BiasVarianceDiagnosis.Diagnose"/>.</summary>
    /// <param name="diagnosis">The errors, gaps and category to draw.</param>
    /// <returns>The display.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="diagnosis"/> is null.</exception>
    public static BiasVarianceDisplay FromDiagnosis(BiasVarianceDiagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        string title = diagnosis.Category switch
        {
            BiasVarianceCategory.HighBias => "High bias (underfitting)",
            BiasVarianceCategory.HighVariance => "High variance (overfitting)",
            BiasVarianceCategory.HighBiasAndHighVariance => $"High bias and variance: work on {diagnosis.Focus} first",
            _ => "Low bias, low variance",
        };
        var plot = PanelStyle.NewPanel(title, "", "error");
        var values = new[] { diagnosis.BayesErrorEstimate, diagnosis.TrainingError, diagnosis.ValidationError };
        var names = new[] { "human-level (Bayes)", "training", "validation" };
        var bars = plot.Add.Bars(values.Select((v, i) => new Bar
        {
            Position = i,
            Value = v,
            FillColor = i == 0 ? Colors.Gray : PanelStyle.ColorOf(i - 1),
            Label = v.ToString("0.###", CultureInfo.InvariantCulture),
            CenterLabel = false,
        }).ToArray());
        bars.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.SetTicks(new double[] { 0, 1, 2 }, names);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;

        double top = Math.Max(values.Max(), diagnosis.Tolerance);
        Gap(plot, 0.5, diagnosis.BayesErrorEstimate, diagnosis.TrainingError, "avoidable bias", diagnosis.HasHighBias);
        Gap(plot, 1.5, diagnosis.TrainingError, diagnosis.ValidationError, "variance", diagnosis.HasHighVariance);
        plot.Axes.SetLimits(-0.6, 2.6, 0, top > 0 ? top * 1.25 : 1);
        plot.HideGrid();
        return new BiasVarianceDisplay(plot, diagnosis, values);
    }

    private static void Gap(Plot plot, double x, double from, double to, string name, bool high)
    {
        var colour = high ? Colors.Red : Colors.Green;
        var line = plot.Add.Line(x, from, x, to);
        line.LineColor = colour;
        line.LineWidth = 3;
        line.MarkerSize = 0;
        var text = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{name}\n{to - from:0.###}"), x, Math.Max(from, to));
        text.LabelFontColor = colour;
        text.LabelFontSize = 13;
        text.LabelAlignment = Alignment.LowerCenter;
    }
}
