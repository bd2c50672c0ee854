using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Plots.Tests.Support;

namespace MLExtensions.Plots.Tests.Rendering;

/// <summary>Every display, saved as PNG and SVG of a requested size, with something drawn. The images stay in the
/// temporary folder so a person can look at them.</summary>
public class EveryDisplayTests
{
    private sealed class Row
    {
        [VectorType(2)]
        public float[] Features { get; set; } = Array.Empty<float>();
        public string Label { get; set; } = "";
    }

    public static TheoryData<string> Names => new()
    {
        "history", "confusion", "confusion-normalized", "roc-binary", "pr-binary", "roc-multiclass", "pr-multiclass",
        "learning-curve", "bias-variance", "layers", "decision-regions", "prediction-error",
    };

    private static Display Make(string name)
    {
        var ml = new MLContext(seed: 1);
        var multiclass = Scored.Multiclass(ml, Scored.TenRows);
        var binary = ml.BinaryClassification.EvaluateDetailed(Scored.Binary(ml, Scored.EightBinaryRows));
        var random = new Random(1);
        var blobs = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 150).Select(i =>
        {
            int c = i % 3;
            return new Row { Features = new[] { (float)(c + 0.4 * random.NextDouble()), (float)(c % 2 + 0.4 * random.NextDouble()) }, Label = $"class {c}" };
        }));
        ITransformer Fit() => ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")).Fit(blobs);
        return name switch
        {
            "history" => TrainingHistoryDisplay.FromEpochs(Epochs.Five(), 2),
            "confusion" => ConfusionMatrixDisplay.FromReport(ml.MulticlassClassification.EvaluateDetailed(multiclass)),
            "confusion-normalized" => ConfusionMatrixDisplay.FromReport(ml.MulticlassClassification.EvaluateDetailed(multiclass), ConfusionMatrixNormalization.ByActual),
            "roc-binary" => RocCurveDisplay.FromReport(binary),
            "pr-binary" => PrecisionRecallDisplay.FromReport(binary),
            "roc-multiclass" => RocCurveDisplay.FromMulticlassScores(multiclass),
            "pr-multiclass" => PrecisionRecallDisplay.FromMulticlassScores(multiclass),
            "learning-curve" => LearningCurveDisplay.FromResult(LearningCurve.Compute(ml, PredictionKind.MulticlassClassification,
                ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()), blobs, minimumSize: 16, seed: 1)),
            "bias-variance" => BiasVarianceDisplay.FromDiagnosis(BiasVarianceDiagnosis.Diagnose(0.08, 0.1, 0.05)),
            "layers" => LayerDiagnosticsDisplay.FromEpochs(Epochs.WithDiagnostics(5)),
            "decision-regions" => DecisionRegionsDisplay.FromModel(Fit(), blobs, resolution: 60),
            "prediction-error" => PredictionErrorDisplay.FromScores(Scored.Regression(ml, Enumerable.Range(0, 50).Select(i => ((float)i, i + (float)Math.Sin(i))))),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SavesAsPngAndSvgOfTheRequestedSizeWithSomethingDrawn(string name)
    {
        var display = Make(name);
        string folder = ImageFiles.Folder("every-display");
        var png = File.ReadAllBytes(display.SavePng(Path.Combine(folder, name + ".png"), 720, 540));
        Assert.Equal((720, 540), ImageFiles.PngSize(png));
        Assert.InRange(ImageFiles.InkFraction(png), 0.01, 0.95);
        var svg = File.ReadAllText(display.SaveSvg(Path.Combine(folder, name + ".svg"), 720, 540));
        Assert.Equal((720, 540), ImageFiles.SvgSize(svg));
        display.SavePng(Path.Combine(folder, name + "-default.png"));
    }
}
