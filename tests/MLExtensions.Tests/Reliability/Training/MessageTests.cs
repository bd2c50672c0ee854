using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Reliability.Training;

/// <summary>Every message names the column, the row and the data set (training or validation) involved.</summary>
public class MessageTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [Fact]
    public void AFeatureVectorShorterThanItsTypeNamesTheColumnTheRowAndTheTrainingData()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.Regression.Trainers.Mlp(Fast.Regression(epochs: 1)).Fit(new GeneratedDataView(rows: 20, width: 4) { ShortVectorAtRow = 7 }));
        Assert.Contains("Row 7 of feature column 'Features' in the training data holds a vector of 3 values", error.Message);
        Assert.Contains("declares 4", error.Message);
    }

    [Fact]
    public void AFeatureVectorShorterThanItsTypeInTheValidationDataSaysSo()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.Regression.Trainers.Mlp(Fast.Regression(epochs: 1)).Fit(
                new GeneratedDataView(rows: 20, width: 4), new GeneratedDataView(rows: 20, width: 4) { ShortVectorAtRow = 11 }));
        Assert.Contains("Row 11 of feature column 'Features' in the validation data", error.Message);
    }

    [Fact]
    public void AValidationSetWithoutTheLabelIsCalledTheValidationSet()
    {
        var train = _mlContext.Data.LoadFromEnumerable(Trained.BinaryTrainRows);
        var unlabelled = _mlContext.Data.LoadFromEnumerable(Trained.BinaryTestRows.Select(r => new FeaturesOnly { Features = r.Features }).ToList());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary()).Fit(train, unlabelled));
        Assert.Contains("validation data", error.Message);
        Assert.Contains("label column 'Label' was not found", error.Message);
        Assert.Contains("label column 'Label' was not found", Assert.IsType<ArgumentOutOfRangeException>(error.InnerException).Message);
    }

    [Fact]
    public void ANonFiniteFeatureNamesTheTrainingData()
    {
        var rows = Datasets.TwoBlobs(20, seed: 3);
        rows[5].Features[1] = float.NaN;
        var error = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary()).Fit(_mlContext.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Row 5 of feature column 'Features' in the training data holds NaN at slot 1", error.Message);
    }

    /// <summary>300 classes of 3 to 5 rows: a tenth held out cannot reach every class.</summary>
    private static List<ManyClassRow> ManyClassRows()
    {
        var random = new Random(4);
        return Enumerable.Range(0, 1_200).Select(i => new ManyClassRow
        {
            Features = new[] { (float)random.NextDouble(), (float)random.NextDouble() },
            Label = (uint)(i % 300 < 100 ? i % 100 : i % 300),
        }).ToList();
    }

    [Fact]
    public void TheNotesOfATrainingHistorySurviveSavingAndLoading()
    {
        var options = Fast.Multiclass(epochs: 1);
        options.ValidationFraction = 0.1f;
        var model = _mlContext.MulticlassClassification.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(ManyClassRows()));
        var note = Assert.Single(model.Model.History.Notes);
        using var file = new MemoryStream();
        MLExtensions.Saving.TransformerFile.Save(model, file);
        var loaded = Assert.IsType<MlpMulticlassTransformer>(MLExtensions.Saving.TransformerFile.Load(new MemoryStream(file.ToArray())));
        Assert.Equal(new[] { note }, loaded.Model.History.Notes);
    }

    [Fact]
    public void ClassesTooSmallForTheValidationSetAreNamedInTheLog()
    {
        // A tenth held out cannot reach every class, and the log says which it leaves out.
        var rows = ManyClassRows();
        var messages = new List<string>();
        _mlContext.Log += (_, e) =>
        {
            if (e.Kind == ChannelMessageKind.Warning)
                lock (messages)
                    messages.Add(e.RawMessage);
        };
        var options = Fast.Multiclass(epochs: 1);
        options.ValidationFraction = 0.1f;
        _mlContext.MulticlassClassification.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(rows));
        var note = Assert.Single(messages, m => m.Contains("too small to be split"));
        Assert.Contains("of 300 classes", note);
        Assert.Contains("validation fraction of 0.1", note);
    }

    public sealed class ManyClassRow
    {
        [VectorType(2)] public float[] Features = new float[2];
        [KeyType(300)] public uint Label;
    }
}
