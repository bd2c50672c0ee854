using MLExtensions.Plots.Tests.Support;

namespace MLExtensions.Plots.Tests.Rendering;

public class DisplayFileTests
{
    [Fact]
    public void SavedPngIsAValidPngOfTheRequestedSizeWithSomethingDrawn()
    {
        var display = TrainingHistoryDisplay.FromEpochs(Epochs.Five(), bestEpoch: 2);
        string path = display.SavePng(Path.Combine(ImageFiles.Folder("files"), "history.png"), 900, 350);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal((900, 350), ImageFiles.PngSize(bytes));
        Assert.InRange(ImageFiles.InkFraction(bytes), 0.02, 0.9);
    }

    [Fact]
    public void SavedSvgIsXmlOfTheRequestedSizeWithTheTitleText()
    {
        var display = TrainingHistoryDisplay.FromEpochs(Epochs.Five(), bestEpoch: 2);
        string path = display.SaveSvg(Path.Combine(ImageFiles.Folder("files"), "history.svg"), 700, 300);
        string xml = File.ReadAllText(path);
        Assert.Equal((700, 300), ImageFiles.SvgSize(xml));
        Assert.Contains("<text", xml);
    }

    [Fact]
    public void TextIsSetInAFontThatIsInstalled()
    {
        // Without an installed face Skia draws no glyphs at all, and every label would be blank.
        var display = TrainingHistoryDisplay.FromEpochs(Epochs.Five());
        string family = display.LossPlot.Axes.Title.Label.FontName;
        Assert.NotNull(SkiaSharp.SKFontManager.Default.MatchFamily(family));
        Assert.Equal(family, display.LossPlot.Axes.Bottom.Label.FontName);
    }

    [Fact]
    public void DefaultSizeIsUsedWhenNoneIsGiven()
    {
        var display = TrainingHistoryDisplay.FromEpochs(Epochs.Five());
        string path = display.SavePng(Path.Combine(ImageFiles.Folder("files"), "default.png"));
        Assert.Equal((display.DefaultWidth, display.DefaultHeight), ImageFiles.PngSize(File.ReadAllBytes(path)));
    }

    [Fact]
    public void SaveCreatesTheFolder()
    {
        string folder = Path.Combine(ImageFiles.Folder("files"), Guid.NewGuid().ToString("N"), "nested");
        string path = TrainingHistoryDisplay.FromEpochs(Epochs.Five()).SavePng(Path.Combine(folder, "h.png"), 200, 100);
        Assert.True(File.Exists(path));
    }

    [Theory]
    [InlineData(0, 100, "width")]
    [InlineData(100, -1, "height")]
    [InlineData(100_000, 100, "width")]
    public void ImpossibleSizesAreRejectedByName(int width, int height, string name)
    {
        var display = TrainingHistoryDisplay.FromEpochs(Epochs.Five());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => display.GetPngBytes(width, height));
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void PanelsTileTheImage()
    {
        var display = TrainingHistoryDisplay.FromEpochs(Epochs.Five());
        var rectangles = display.PanelRectangles(1000, 400);
        Assert.Equal(2, rectangles.Count);
        Assert.Equal((0f, 500f, 0f, 400f), (rectangles[0].Left, rectangles[0].Right, rectangles[0].Top, rectangles[0].Bottom));
        Assert.Equal((500f, 1000f), (rectangles[1].Left, rectangles[1].Right));
    }
}
