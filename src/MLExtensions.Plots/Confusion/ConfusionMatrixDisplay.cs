using System.Globalization;
using ScottPlot;

namespace MLExtensions.Plots;

/// <summary>
/// A confusion matrix as scikit-learn's <c>ConfusionMatrixDisplay</c> draws it: actual classes down, predicted classes
/// across, each cell shaded by its value and labelled with it; counts or a normalization of them.
/// </summary>
public sealed class ConfusionMatrixDisplay : Display
{
    private ConfusionMatrixDisplay(Plot plot, double[,] values, IReadOnlyList<string> classNames, ConfusionMatrixNormalization normalization, int side)
        : base(new[] { plot }, columns: 1, defaultWidth: side, defaultHeight: side - 60)
    {
        Plot = plot;
        Values = values;
        ClassNames = classNames;
        Normalization = normalization;
    }

    /// <summary>The one panel: the shaded cells with their values, a colour bar, and the class names along both axes
    /// (slanted when there are more than three classes and a name is longer than six characters).</summary>
    public Plot Plot { get; }

    /// <summary>The plotted values, <c>Values[actual, predicted]</c>: counts, or their normalization. A class that never
    /// occurs (as actual or predicted, as the normalization needs) normalizes to 0, as scikit-learn does.</summary>
    public double[,] Values { get; }

    /// <summary>The class names of the matrix, in its order: name i labels row i (actual) and column i (predicted).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>How <see cref="Values"/> were scaled from the counts; it also sets the title and the cell format
    /// (whole counts, or two decimals).</summary>
    public ConfusionMatrixNormalization Normalization { get; }

    /// <summary>Draws the confusion matrix of a multiclass evaluation.</summary>
    /// <param name="report">What <c>MulticlassClassification.EvaluateDetailed</c> returned.</param>
    /// <param name="normalization">How to scale the counts. Default <see cref="ConfusionMatrixNormalization.None"/>.</param>
    /// <returns>The display of <paramref name="report"/>'s <see cref="MulticlassClassificationReport.ConfusionMatrix"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalization"/> is not a defined value.</exception>
    public static ConfusionMatrixDisplay FromReport(MulticlassClassificationReport report, ConfusionMatrixNormalization normalization = ConfusionMatrixNormalization.None)
    {
        ArgumentNullException.ThrowIfNull(report);
        return FromMatrix(report.ConfusionMatrix, normalization);
    }

    /// <summary>Draws the two-by-two confusion matrix of a binary evaluation, classes "negative" then "positive".</summary>
    /// <param name="report">What <c>BinaryClassification.EvaluateDetailed</c> returned.</param>
    /// <param name="normalization">How to scale the counts. Default <see cref="ConfusionMatrixNormalization.None"/>.</param>
    /// <returns>The display of <paramref name="report"/>'s <see cref="BinaryClassificationReport.ConfusionMatrix"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalization"/> is not a defined value.</exception>
    public static ConfusionMatrixDisplay FromReport(BinaryClassificationReport report, ConfusionMatrixNormalization normalization = ConfusionMatrixNormalization.None)
    {
        ArgumentNullException.ThrowIfNull(report);
        return FromMatrix(report.ConfusionMatrix, normalization);
    }

    /// <summary>Draws a confusion matrix. The image is square-ish and grows with the number of classes, from 520 to 1000
    /// pixels wide.</summary>
    /// <param name="matrix">The counts, actual classes down and predicted classes across.</param>
    /// <param name="normalization">How to scale the counts. Default <see cref="ConfusionMatrixNormalization.None"/>.</param>
    /// <returns>The display.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="normalization"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException"><paramref name="matrix"/> has no classes.</exception>
    public static ConfusionMatrixDisplay FromMatrix(ConfusionMatrix matrix, ConfusionMatrixNormalization normalization = ConfusionMatrixNormalization.None)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (!Enum.IsDefined(normalization))
            throw new ArgumentOutOfRangeException(nameof(normalization), $"Unknown normalization {(int)normalization}.");
        int n = matrix.ClassCount;
        if (n == 0)
            throw new ArgumentException("The confusion matrix has no classes.", nameof(matrix));
        var values = Normalize(matrix, normalization);

        string title = normalization switch
        {
            ConfusionMatrixNormalization.ByActual => "Confusion matrix (rows sum to 1: recall on the diagonal)",
            ConfusionMatrixNormalization.ByPredicted => "Confusion matrix (columns sum to 1: precision on the diagonal)",
            ConfusionMatrixNormalization.All => "Confusion matrix (fraction of all rows)",
            _ => string.Create(CultureInfo.InvariantCulture, $"Confusion matrix ({matrix.Total:N0} rows)"),
        };
        var plot = PanelStyle.NewPanel(title, "predicted class", "actual class");

        // The heatmap's first row is drawn at the top, so row i (actual class i) sits at y = n − 1 − i.
        var heatmap = plot.Add.Heatmap(values);
        // Light for few rows, dark blue for many, as scikit-learn shades it.
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed();
        // Rectangle sets the outer edges of the cells (Extent would set the range of their centres).
        heatmap.Rectangle = new CoordinateRect(-0.5, n - 0.5, -0.5, n - 0.5);
        double max = 0;
        foreach (double v in values)
            max = Math.Max(max, v);
        heatmap.ManualRange = new ScottPlot.Range(0, max > 0 ? max : 1);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = normalization == ConfusionMatrixNormalization.None ? "rows" : "fraction";

        float fontSize = n <= 5 ? 18 : n <= 10 ? 12 : 8;
        for (int actual = 0; actual < n; actual++)
        {
            for (int predicted = 0; predicted < n; predicted++)
            {
                double value = values[actual, predicted];
                var label = plot.Add.Text(Format(value, normalization), predicted, n - 1 - actual);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontSize = fontSize;
                // Dark text on light cells, white on dark ones, as scikit-learn switches at half the range.
                label.LabelFontColor = max > 0 && value > max / 2 ? Colors.White : Colors.Black;
            }
        }
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, matrix.ClassNames.ToArray());
        plot.Axes.Left.SetTicks(positions.Select(p => n - 1 - p).ToArray(), matrix.ClassNames.ToArray());
        int longest = matrix.ClassNames.Max(name => name.Length);
        if (longest > 6 && n > 3)
        {
            // Slanted names, with room below the axis for the longest of them.
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 30 + 6 * longest;
        }
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.HideGrid();
        int side = Math.Clamp(260 + 60 * n, 520, 1000);
        return new ConfusionMatrixDisplay(plot, values, matrix.ClassNames, normalization, side);
    }

    private static double[,] Normalize(ConfusionMatrix matrix, ConfusionMatrixNormalization normalization)
    {
        int n = matrix.ClassCount;
        var values = new double[n, n];
        long total = matrix.Total;
        for (int a = 0; a < n; a++)
        {
            for (int p = 0; p < n; p++)
            {
                double denominator = normalization switch
                {
                    ConfusionMatrixNormalization.ByActual => matrix.ActualCount(a),
                    ConfusionMatrixNormalization.ByPredicted => matrix.PredictedCount(p),
                    ConfusionMatrixNormalization.All => total,
                    _ => 1,
                };
                values[a, p] = denominator > 0 ? matrix[a, p] / denominator : 0;
            }
        }
        return values;
    }

    private static string Format(double value, ConfusionMatrixNormalization normalization) =>
        normalization == ConfusionMatrixNormalization.None
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.00", CultureInfo.InvariantCulture);
}
