using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Data;
using ScottPlot;

namespace MLExtensions.Plots;

/// <summary>
/// Decision regions of a classifier on two input features, as scikit-learn's <c>DecisionBoundaryDisplay</c> draws them:
/// the model (a whole fitted pipeline) predicts a class at every point of a grid spanning the data, each region is
/// shaded in its class's colour, and the data points are drawn on top in the colour of their actual class.
/// </summary>
public sealed class DecisionRegionsDisplay : Display
{
    private DecisionRegionsDisplay(Plot plot, string[] classNames, int[,] grid, double[] xs, double[] ys, IReadOnlyList<(double X, double Y, int Class)> points)
        : base(new[] { plot }, columns: 1, defaultWidth: 700, defaultHeight: 620)
    {
        Plot = plot;
        ClassNames = classNames;
        PredictedClasses = grid;
        GridXs = xs;
        GridYs = ys;
        Points = points;
    }

    /// <summary>The one panel: the regions shaded in their classes' colours (white where no class was predicted) and
    /// the data points on top, one legend entry per actual class.</summary>
    public Plot Plot { get; }

    /// <summary>Every class seen, predicted or actual, in ordinal name order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The predicted class of each grid point, as an index into <see cref="ClassNames"/>:
    /// <c>PredictedClasses[row, column]</c> is the point (<see cref="GridXs"/>[column], <see cref="GridYs"/>[row]);
    /// -1 where the model predicted no class (a missing key).</summary>
    public int[,] PredictedClasses { get; }

    /// <summary>The first feature's value at each grid column: evenly spaced, spanning the drawn points' range with 5%
    /// padding on each side (0.5 either side when all points share one value).</summary>
    public IReadOnlyList<double> GridXs { get; }

    /// <summary>The second feature's value at each grid row, from the lowest up: evenly spaced, spanning the drawn
    /// points' range with 5% padding on each side (0.5 either side when all points share one value).</summary>
    public IReadOnlyList<double> GridYs { get; }

    /// <summary>The data points drawn, with their actual class's index into <see cref="ClassNames"/> (-1: no label).</summary>
    public IReadOnlyList<(double X, double Y, int Class)> Points { get; }

    /// <summary>Scores a grid of <paramref name="resolution"/> × <paramref name="resolution"/> points with
    /// <paramref name="model"/> and draws the regions and the data. Each grid row has <paramref name="data"/>'s schema,
    /// with the grid point in the features column and every other column at its type's default, so a pipeline that
    /// also transforms the label can score it. Rows whose features are not both finite are not drawn.</summary>
    /// <param name="model">A fitted transformer (usually the whole pipeline) that reads <paramref name="data"/>'s schema
    /// and writes a class column <paramref name="predictedLabelColumnName"/>.</param>
    /// <param name="data">The points to draw; its features column must be a vector of exactly two Single slots.</param>
    /// <param name="labelColumnName">The column of <paramref name="data"/> holding the actual class (text, Boolean,
    /// Single, Double, Int32 or a key); null draws every point black, as "no label". Default "Label".</param>
    /// <param name="featureColumnName">The features column of <paramref name="data"/>. Default "Features".</param>
    /// <param name="predictedLabelColumnName">The class column <paramref name="model"/> writes (text, Boolean, Single,
    /// Double, Int32 or a key; a key reads as its KeyValues entry). Default "PredictedLabel".</param>
    /// <param name="resolution">Grid points along each axis, 10 to 1000. Default 200.</param>
    /// <returns>The display, with the grid's predictions in <see cref="PredictedClasses"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resolution"/> is outside 10 to 1000.</exception>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type, the features column is not a
    /// vector of two Single values, or no row has finite features.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="model"/> returned a different number of rows than
    /// the grid has points.</exception>
    public static DecisionRegionsDisplay FromModel(ITransformer model, IDataView data, string? labelColumnName = "Label",
        string featureColumnName = "Features", string predictedLabelColumnName = "PredictedLabel", int resolution = 200)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (resolution < 10 || resolution > 1000)
            throw new ArgumentOutOfRangeException(nameof(resolution), $"The grid resolution must be between 10 and 1000 points per axis; it is {resolution}.");
        var features = ColumnLookup.Require(data.Schema, featureColumnName, "features", nameof(featureColumnName));
        if (features.Type is not VectorDataViewType { Size: 2 } vector || vector.ItemType != NumberDataViewType.Single)
            throw new ArgumentException(
                $"Decision regions need two input features: the column '{featureColumnName}' must be a vector of 2 Single values; it holds {features.Type}.", nameof(featureColumnName));
        var label = labelColumnName is null ? (DataViewSchema.Column?)null : ColumnLookup.Require(data.Schema, labelColumnName, "label", nameof(labelColumnName));

        var rows = ReadPoints(data, features, label);
        if (rows.Count == 0)
            throw new ArgumentException("The data has no rows with finite features to draw.", nameof(data));
        var (xs, ys) = (Axis(rows.Select(r => r.X), resolution), Axis(rows.Select(r => r.Y), resolution));
        var gridPoints = new List<float[]>(resolution * resolution);
        foreach (double y in ys)
            foreach (double x in xs)
                gridPoints.Add(new[] { (float)x, (float)y });

        var scored = model.Transform(new GridDataView(data.Schema, features, gridPoints));
        var predicted = ColumnLookup.Require(scored.Schema, predictedLabelColumnName, "predicted label", nameof(predictedLabelColumnName));
        var classes = new List<string>();
        int IndexOf(string? name)
        {
            if (name is null)
                return -1;
            int index = classes.IndexOf(name);
            if (index < 0)
            {
                classes.Add(name);
                index = classes.Count - 1;
            }
            return index;
        }
        var grid = new int[resolution, resolution];
        using (var cursor = scored.GetRowCursor(new[] { predicted }))
        {
            var read = ColumnText.Reader(cursor, predicted);
            int i = 0;
            while (cursor.MoveNext())
            {
                grid[i / resolution, i % resolution] = IndexOf(read());
                i++;
            }
            if (i != gridPoints.Count)
                throw new InvalidOperationException($"The model returned {i} rows for {gridPoints.Count} grid points.");
        }
        var points = rows.Select(r => (r.X, r.Y, IndexOf(r.Label))).ToArray();

        // Classes in name order, so colours and legend do not depend on which class the grid met first.
        var order = classes.Select((name, index) => (name, index)).OrderBy(c => c.name, StringComparer.Ordinal).ToArray();
        var newIndex = new int[classes.Count];
        for (int i = 0; i < order.Length; i++)
            newIndex[order[i].index] = i;
        classes = order.Select(c => c.name).ToList();
        for (int r = 0; r < resolution; r++)
            for (int c = 0; c < resolution; c++)
                grid[r, c] = grid[r, c] < 0 ? -1 : newIndex[grid[r, c]];
        points = points.Select(p => (p.X, p.Y, p.Item3 < 0 ? -1 : newIndex[p.Item3])).ToArray();

        var plot = PanelStyle.NewPanel("Decision regions", $"{featureColumnName}[0]", $"{featureColumnName}[1]");
        // The heatmap draws its first row at the top; the grid's first row is the lowest y.
        var intensities = new double[resolution, resolution];
        for (int r = 0; r < resolution; r++)
            for (int c = 0; c < resolution; c++)
                intensities[resolution - 1 - r, c] = grid[r, c] < 0 ? double.NaN : grid[r, c];
        var regions = plot.Add.Heatmap(intensities);
        regions.Colormap = new ClassColormap(Math.Max(classes.Count, 1));
        regions.ManualRange = new ScottPlot.Range(0, Math.Max(classes.Count - 1, 1));
        regions.NaNCellColor = Colors.White;
        double dx = xs[1] - xs[0], dy = ys[1] - ys[0];
        // Rectangle sets the cells' outer edges: each cell is centred on its grid point.
        regions.Rectangle = new CoordinateRect(xs[0] - dx / 2, xs[^1] + dx / 2, ys[0] - dy / 2, ys[^1] + dy / 2);
        regions.Opacity = 0.35;

        for (int c = -1; c < classes.Count; c++)
        {
            var members = points.Where(p => p.Item3 == c).ToArray();
            if (members.Length == 0)
                continue;
            var markers = plot.Add.Markers(members.Select(p => p.X).ToArray(), members.Select(p => p.Y).ToArray(), MarkerShape.FilledCircle, 5,
                c < 0 ? Colors.Black : PanelStyle.ColorOf(c));
            markers.LegendText = c < 0 ? "no label" : classes[c];
        }
        plot.Axes.SetLimits(xs[0] - dx / 2, xs[^1] + dx / 2, ys[0] - dy / 2, ys[^1] + dy / 2);
        plot.ShowLegend(Alignment.UpperRight);
        return new DecisionRegionsDisplay(plot, classes.ToArray(), grid, xs, ys, points);
    }

    private static List<(double X, double Y, string? Label)> ReadPoints(IDataView data, DataViewSchema.Column features, DataViewSchema.Column? label)
    {
        var rows = new List<(double, double, string?)>();
        var columns = label is { } l ? new[] { features, l } : new[] { features };
        using var cursor = data.GetRowCursor(columns);
        var getter = cursor.GetGetter<VBuffer<float>>(features);
        var readLabel = label is { } labelColumn ? ColumnText.Reader(cursor, labelColumn) : () => null;
        var buffer = default(VBuffer<float>);
        var point = new float[2];
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            buffer.CopyTo(point);
            string? name = readLabel();
            if (float.IsFinite(point[0]) && float.IsFinite(point[1]))
                rows.Add((point[0], point[1], name));
        }
        return rows;
    }

    /// <summary>Evenly spaced values spanning the data with 5% padding on each side (one unit when the data is one value).</summary>
    private static double[] Axis(IEnumerable<double> values, int count)
    {
        double min = values.Min(), max = values.Max();
        double pad = max > min ? (max - min) * 0.05 : 0.5;
        min -= pad;
        max += pad;
        return Enumerable.Range(0, count).Select(i => min + (max - min) * i / (count - 1)).ToArray();
    }

    /// <summary>Class i of n gets the i-th category colour: the heatmap maps class index i to position i / (n − 1).</summary>
    private sealed class ClassColormap : IColormap
    {
        private readonly int _classes;

        public ClassColormap(int classes) => _classes = classes;

        public string Name => "classes";

        public Color GetColor(double position) =>
            PanelStyle.ColorOf(_classes <= 1 ? 0 : (int)Math.Round(Math.Clamp(position, 0, 1) * (_classes - 1)));
    }
}
