using ScottPlot;
using SkiaSharp;

namespace MLExtensions.Plots;

/// <summary>
/// What every display shares: one or more ScottPlot <see cref="Plot"/> panels laid out in a grid, and saving them as
/// one PNG or SVG image. The panels are public so a caller can restyle them before saving and a test can read what
/// was plotted.
/// </summary>
public abstract class Display
{
    private const int LargestSide = 16384;
    private readonly int _columns;

    private protected Display(IReadOnlyList<Plot> panels, int columns, int defaultWidth, int defaultHeight)
    {
        if (panels.Count == 0)
            throw new ArgumentException("A display needs at least one panel.", nameof(panels));
        Panels = panels;
        _columns = Math.Clamp(columns, 1, panels.Count);
        DefaultWidth = defaultWidth;
        DefaultHeight = defaultHeight;
    }

    /// <summary>The panels, left to right and then top to bottom.</summary>
    public IReadOnlyList<Plot> Panels { get; }

    /// <summary>The image width in pixels used when <see cref="SavePng"/> or <see cref="SaveSvg"/> is given none; each
    /// display chooses one that suits its panels.</summary>
    public int DefaultWidth { get; }

    /// <summary>The image height in pixels used when <see cref="SavePng"/> or <see cref="SaveSvg"/> is given none; each
    /// display chooses one that suits its panels.</summary>
    public int DefaultHeight { get; }

    /// <summary>Writes the display as a PNG file, creating its folder and replacing a file already there.</summary>
    /// <param name="path">The file to write, absolute or relative to the current directory.</param>
    /// <param name="width">The image width in pixels, 16 to 16384; null is <see cref="DefaultWidth"/>.</param>
    /// <param name="height">The image height in pixels, 16 to 16384; null is <see cref="DefaultHeight"/>.</param>
    /// <returns>The full path of the file written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or <paramref name="height"/> is outside 16 to 16384.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    public string SavePng(string path, int? width = null, int? height = null) =>
        Write(path, GetPngBytes(width ?? DefaultWidth, height ?? DefaultHeight));

    /// <summary>Writes the display as an SVG file (UTF-8), creating its folder and replacing a file already there.</summary>
    /// <param name="path">The file to write, absolute or relative to the current directory.</param>
    /// <param name="width">The image width in pixels, 16 to 16384; null is <see cref="DefaultWidth"/>.</param>
    /// <param name="height">The image height in pixels, 16 to 16384; null is <see cref="DefaultHeight"/>.</param>
    /// <returns>The full path of the file written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or <paramref name="height"/> is outside 16 to 16384.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    public string SaveSvg(string path, int? width = null, int? height = null) =>
        Write(path, System.Text.Encoding.UTF8.GetBytes(GetSvgXml(width ?? DefaultWidth, height ?? DefaultHeight)));

    /// <summary>Renders the display as a PNG image in memory: the panels on a white background, each in its cell of
    /// <see cref="PanelRectangles"/>.</summary>
    /// <param name="width">The image width in pixels, 16 to 16384.</param>
    /// <param name="height">The image height in pixels, 16 to 16384.</param>
    /// <returns>The bytes of the PNG file.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or <paramref name="height"/> is outside 16 to 16384.</exception>
    /// <exception cref="InvalidOperationException">SkiaSharp could not create a drawing surface of that size.</exception>
    public byte[] GetPngBytes(int width, int height)
    {
        CheckSize(width, height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {width}×{height} drawing surface.");
        RenderPanels(surface.Canvas, width, height);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Renders the display as an SVG document in memory: the panels on a white background, each in its cell of
    /// <see cref="PanelRectangles"/>.</summary>
    /// <param name="width">The image width in pixels, 16 to 16384.</param>
    /// <param name="height">The image height in pixels, 16 to 16384.</param>
    /// <returns>The SVG document's text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or <paramref name="height"/> is outside 16 to 16384.</exception>
    public string GetSvgXml(int width, int height)
    {
        CheckSize(width, height);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
            RenderPanels(canvas, width, height);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The pixel rectangle of each panel in an image of this size: equal cells of a grid with the display's
    /// number of columns, filled left to right and then top to bottom, origin at the top left.</summary>
    /// <param name="width">The image width in pixels; not checked here.</param>
    /// <param name="height">The image height in pixels; not checked here.</param>
    /// <returns>One rectangle per panel, in the order of <see cref="Panels"/>.</returns>
    public IReadOnlyList<PixelRect> PanelRectangles(int width, int height)
    {
        int rows = (Panels.Count + _columns - 1) / _columns;
        float cellWidth = (float)width / _columns, cellHeight = (float)height / rows;
        return Panels.Select((_, i) =>
        {
            int row = i / _columns, column = i % _columns;
            return new PixelRect(column * cellWidth, (column + 1) * cellWidth, (row + 1) * cellHeight, row * cellHeight);
        }).ToArray();
    }

    private void RenderPanels(SKCanvas canvas, int width, int height)
    {
        canvas.Clear(SKColors.White);
        var rectangles = PanelRectangles(width, height);
        for (int i = 0; i < Panels.Count; i++)
        {
            // A panel clears the canvas before it draws: clip it to its own cell so it cannot erase the others.
            var r = rectangles[i];
            canvas.Save();
            canvas.ClipRect(new SKRect(r.Left, r.Top, r.Right, r.Bottom));
            Panels[i].Render(canvas, r);
            canvas.Restore();
        }
    }

    private static void CheckSize(int width, int height)
    {
        if (width < 16 || width > LargestSide)
            throw new ArgumentOutOfRangeException(nameof(width), $"The image width must be between 16 and {LargestSide} pixels; it is {width}.");
        if (height < 16 || height > LargestSide)
            throw new ArgumentOutOfRangeException(nameof(height), $"The image height must be between 16 and {LargestSide} pixels; it is {height}.");
    }

    private static string Write(string path, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
        File.WriteAllBytes(full, bytes);
        return full;
    }
}
