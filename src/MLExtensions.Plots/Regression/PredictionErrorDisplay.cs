using System.Globalization;
using Microsoft.ML;
using ScottPlot;

namespace MLExtensions.Plots;

/// <summary>
/// A regression model's errors as scikit-learn's <c>PredictionErrorDisplay</c> draws them: actual against predicted
/// values with the diagonal of perfect predictions, and residuals (actual − predicted) against predicted values with
/// the zero line. Large data sets are thinned to an evenly spaced subset of rows for drawing.
/// </summary>
public sealed class PredictionErrorDisplay : Display
{
    private PredictionErrorDisplay(Plot actual, Plot residuals, IReadOnlyList<(double Actual, double Predicted)> points, int rowCount)
        : base(new[] { actual, residuals }, columns: 2, defaultWidth: 1100, defaultHeight: 500)
    {
        ActualVsPredictedPlot = actual;
        ResidualsPlot = residuals;
        Points = points;
        RowCount = rowCount;
    }

    /// <summary>The left panel: actual (y) against predicted (x) values, with the dashed diagonal of perfect predictions.</summary>
    public Plot ActualVsPredictedPlot { get; }

    /// <summary>The right panel: residuals, actual − predicted (y), against predicted values (x), with the dashed zero line.</summary>
    public Plot ResidualsPlot { get; }

    /// <summary>The rows drawn, in data order: every <c>k</c>-th row with a label and a score, where <c>k</c> is the
    /// smallest step that keeps at most the requested number of points.</summary>
    public IReadOnlyList<(double Actual, double Predicted)> Points { get; }

    /// <summary>The rows with a label and a score; more than <see cref="Points"/> when the data was thinned.</summary>
    public int RowCount { get; }

    /// <summary>Draws a regression model's errors from its scored data.</summary>
    /// <param name="scored">Regression output: a Single or Double label and a Single Score; rows where either is NaN are left out.</param>
    /// <param name="labelColumnName">The actual values' column, Single or Double. Default "Label".</param>
    /// <param name="scoreColumnName">The predicted values' column, Single. Default "Score".</param>
    /// <param name="maximumPoints">At most this many rows are drawn (evenly spaced through the data); at least 1. Default 5000.</param>
    /// <returns>The display.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scored"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximumPoints"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type, or no row has both a label and a score.</exception>
    public static PredictionErrorDisplay FromScores(IDataView scored, string labelColumnName = "Label", string scoreColumnName = "Score", int maximumPoints = 5000)
    {
        ArgumentNullException.ThrowIfNull(scored);
        if (maximumPoints < 1)
            throw new ArgumentOutOfRangeException(nameof(maximumPoints), $"At least one point must be drawn; maximumPoints is {maximumPoints}.");
        var rows = ScoredRows.ReadRegression(scored, labelColumnName, scoreColumnName);
        if (rows.Count == 0)
            throw new ArgumentException($"The scored data has no row with both a label ('{labelColumnName}') and a score ('{scoreColumnName}').", nameof(scored));
        int step = (rows.Count + maximumPoints - 1) / maximumPoints;
        var drawn = rows.Where((_, i) => i % step == 0).Select(r => (Actual: r.Label, Predicted: r.Score)).ToArray();

        string thinned = drawn.Length < rows.Count ? string.Create(CultureInfo.InvariantCulture, $", {drawn.Length:N0} of {rows.Count:N0} rows drawn") : "";
        var actual = PanelStyle.NewPanel($"Actual vs predicted{thinned}", "predicted", "actual");
        double low = Math.Min(drawn.Min(p => p.Actual), drawn.Min(p => p.Predicted));
        double high = Math.Max(drawn.Max(p => p.Actual), drawn.Max(p => p.Predicted));
        if (high == low)
        {
            low -= 0.5;
            high += 0.5;
        }
        var diagonal = actual.Add.Line(low, low, high, high);
        diagonal.LineColor = Colors.Black;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "perfect prediction";
        var cloud = actual.Add.Markers(drawn.Select(p => p.Predicted).ToArray(), drawn.Select(p => p.Actual).ToArray(), MarkerShape.FilledCircle, 4, PanelStyle.ColorOf(0).WithAlpha(0.5));
        cloud.LegendText = "rows";
        actual.ShowLegend(Alignment.UpperLeft);

        var residuals = PanelStyle.NewPanel("Residuals vs predicted", "predicted", "residual (actual − predicted)");
        var zero = residuals.Add.HorizontalLine(0, 1.5f, Colors.Black, LinePattern.Dashed);
        zero.LegendText = "zero error";
        var errors = residuals.Add.Markers(drawn.Select(p => p.Predicted).ToArray(), drawn.Select(p => p.Actual - p.Predicted).ToArray(), MarkerShape.FilledCircle, 4, PanelStyle.ColorOf(1).WithAlpha(0.5));
        errors.LegendText = "rows";
        residuals.ShowLegend(Alignment.UpperLeft);
        return new PredictionErrorDisplay(actual, residuals, drawn, rows.Count);
    }
}
