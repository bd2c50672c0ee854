using System.Buffers.Binary;
using System.Xml.Linq;

namespace MLExtensions.Plots.Tests.Support;

/// <summary>Checks of saved images that need no eyes: the PNG signature and IHDR size, the SVG root's size, and
/// whether a PNG has any pixel that is not background.</summary>
public static class ImageFiles
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    /// <summary>Width and height from the IHDR chunk, which the PNG format requires to come first.</summary>
    public static (int Width, int Height) PngSize(byte[] bytes)
    {
        Assert.True(bytes.Length > 33, $"A PNG is at least 33 bytes; this one has {bytes.Length}.");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    public static (double Width, double Height) SvgSize(string xml)
    {
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        return (double.Parse(root.Attribute("width")!.Value.Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(root.Attribute("height")!.Value.Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The share of pixels that differ from the top-left pixel (the background): a blank image has none.</summary>
    public static double InkFraction(byte[] png)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        var background = bitmap.GetPixel(0, 0);
        long ink = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
            for (int x = 0; x < bitmap.Width; x += 2)
                if (bitmap.GetPixel(x, y) != background)
                    ink++;
        return ink / (double)((bitmap.Width + 1) / 2 * ((bitmap.Height + 1) / 2));
    }

    /// <summary>A folder for this test run's images, so a person can look at them after a failure.</summary>
    public static string Folder(string name)
    {
        string folder = Path.Combine(Path.GetTempPath(), "mlextensions-plots-tests", name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
