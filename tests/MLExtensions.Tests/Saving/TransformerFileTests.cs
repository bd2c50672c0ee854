using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Saving;
using MLExtensions.Tests.Support;
using MLExtensions.Tests.Trainers;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Saving;

/// <summary>Our own transformer format: exact round trips, and clear refusals of anything else.</summary>
public class TransformerFileTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    private static byte[] Saved(MlpTransformerBase transformer)
    {
        using var stream = new MemoryStream();
        transformer.Save(stream);
        return stream.ToArray();
    }

    private static T Reload<T>(T transformer) where T : MlpTransformerBase => TransformerFile.Load<T>(new MemoryStream(Saved(transformer)));

    [Fact]
    public void BinaryRoundTripGivesIdenticalOutputs()
    {
        var loaded = Reload(Trained.Binary);
        var data = Trained.BinaryTest(_mlContext);
        var before = _mlContext.Data.CreateEnumerable<BinaryPrediction>(Trained.Binary.Transform(data), reuseRowObject: false).ToList();
        var after = _mlContext.Data.CreateEnumerable<BinaryPrediction>(loaded.Transform(data), reuseRowObject: false).ToList();

        Assert.Equal(before.Select(p => (p.Score, p.Probability, p.PredictedLabel)), after.Select(p => (p.Score, p.Probability, p.PredictedLabel)));
        Assert.Equal(Trained.Binary.FeatureColumnName, loaded.FeatureColumnName);
        Assert.Equal(Trained.Binary.Model.History.Epochs.Count, loaded.Model.History.Epochs.Count);
        Assert.Equal(Trained.Binary.Model.Summary.ToString(), loaded.Model.Summary.ToString());
    }

    [Fact]
    public void MulticlassRoundTripKeepsScoresKeyValuesAndSlotNames()
    {
        var loaded = Reload(Trained.Multiclass);
        var data = Trained.MulticlassTest(_mlContext);

        Assert.Equal(Trained.Scores(_mlContext, Trained.Multiclass, data), Trained.Scores(_mlContext, loaded, data));
        var before = Trained.Multiclass.GetOutputSchema(data.Schema);
        var after = loaded.GetOutputSchema(data.Schema);
        Assert.Equal(before["PredictedLabel"].Type, after["PredictedLabel"].Type);
        Assert.Equal(OutputSchemaTests.TextAnnotation(before["PredictedLabel"], "KeyValues"), OutputSchemaTests.TextAnnotation(after["PredictedLabel"], "KeyValues"));
        Assert.Equal(OutputSchemaTests.TextAnnotation(before["Score"], "SlotNames"), OutputSchemaTests.TextAnnotation(after["Score"], "SlotNames"));
        Assert.Equal(Trained.Multiclass.Model.ClassNames, loaded.Model.ClassNames);

        // The restored key values still let MapKeyToValue give back the label strings.
        var strings = _mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(loaded.Transform(data)).Transform(loaded.Transform(data));
        var predicted = _mlContext.Data.CreateEnumerable<MulticlassPrediction>(strings, reuseRowObject: false).Select(p => p.PredictedLabel).ToList();
        Assert.All(predicted, p => Assert.Contains(p, Datasets.ClusterNames));
    }

    [Fact]
    public void MulticlassWithNonTextKeyValuesKeepsTheirType()
    {
        // Numeric labels keyed by MapValueToKey: KeyValues are floats, and must come back as floats.
        var rows = Datasets.ThreeClusters(90, seed: 5).Select(r => new FloatClassRow { Features = r.Features, Label = Array.IndexOf(Datasets.ClusterNames, r.Label) * 10f + 0.5f }).ToList();
        var data = _mlContext.Data.LoadFromEnumerable(rows);
        var keyed = _mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var model = _mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass(epochs: 2)).Fit(keyed);
        var loaded = Reload(model);

        var before = model.GetOutputSchema(keyed.Schema)["PredictedLabel"].Annotations;
        var after = loaded.GetOutputSchema(keyed.Schema)["PredictedLabel"].Annotations;
        Assert.Equal(before.Schema["KeyValues"].Type, after.Schema["KeyValues"].Type);
        VBuffer<float> a = default, b = default;
        before.GetValue("KeyValues", ref a);
        after.GetValue("KeyValues", ref b);
        Assert.Equal(a.DenseValues(), b.DenseValues());
    }

    public sealed class FloatClassRow
    {
        [VectorType(2)] public float[] Features = new float[2];
        public float Label;
    }

    [Fact]
    public void RegressionRoundTripGivesIdenticalScores()
    {
        var loaded = Reload(Trained.Regression);
        var data = Trained.RegressionTest(_mlContext);
        Assert.Equal(Trained.Scores(_mlContext, Trained.Regression, data), Trained.Scores(_mlContext, loaded, data));
    }

    [Fact]
    public void VectorLabelRegressionKeepsItsVectorScore()
    {
        foreach (int targets in new[] { 1, 2 })
        {
            var rows = Datasets.TwoTargets(60, seed: 2).Select(r => new MultiTargetRow { Features = r.Features, Label = r.Label.Take(targets).ToArray() }).ToList();
            var data = targets == 1
                ? _mlContext.Data.LoadFromEnumerable(rows.Select(r => new OneTargetRow { Features = r.Features, Label = r.Label }).ToList())
                : _mlContext.Data.LoadFromEnumerable(rows);
            var model = _mlContext.Regression.Trainers.Mlp(Fast.Regression(epochs: 2)).Fit(data);
            var loaded = Reload(model);

            var type = Assert.IsType<VectorDataViewType>(loaded.GetOutputSchema(data.Schema)["Score"].Type);
            Assert.Equal(targets, type.Size);
            Assert.Equal(Trained.Scores(_mlContext, model, data), Trained.Scores(_mlContext, loaded, data));
        }
    }

    public sealed class OneTargetRow
    {
        [VectorType(2)] public float[] Features = new float[2];
        [VectorType(1)] public float[] Label = new float[1];
    }

    [Fact]
    public void LoadOfTheWrongTransformerTypeSaysWhatTheFileHolds()
    {
        var error = Assert.Throws<InvalidDataException>(() => TransformerFile.Load<MlpRegressionTransformer>(new MemoryStream(Saved(Trained.Binary))));
        Assert.Contains("MlpBinaryTransformer", error.Message);
    }

    [Fact]
    public void AFlippedPayloadByteFailsTheChecksum()
    {
        var bytes = Saved(Trained.Binary);
        // Past the header, well inside the payload.
        bytes[bytes.Length / 2] ^= 0x5A;
        var error = Assert.Throws<InvalidDataException>(() => TransformerFile.Load(new MemoryStream(bytes)));
        Assert.Contains("corrupt", error.Message);
        Assert.Contains("segment 'payload'", error.Message);
        Assert.Contains("SHA-256", error.Message);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(40)]
    [InlineData(-10)]
    public void ATruncatedFileSaysSo(int keep)
    {
        var bytes = Saved(Trained.Multiclass);
        int length = keep >= 0 ? keep : bytes.Length + keep;
        var error = Assert.Throws<InvalidDataException>(() => TransformerFile.Load(new MemoryStream(bytes[..length])));
        Assert.True(error.Message.Contains("truncated") || error.Message.Contains("shorter than the file header"), error.Message);
    }

    [Fact]
    public void AForeignFileIsNotAModelFile()
    {
        var error = Assert.Throws<InvalidDataException>(() => TransformerFile.Load(new MemoryStream("PK\u0003\u0004 some zip or other"u8.ToArray())));
        Assert.Contains("not an MLExtensions model file", error.Message);

        using var mlnetZip = new MemoryStream();
        _mlContext.Model.Save(Trained.LabelToKey, Trained.MulticlassTest(_mlContext).Schema, mlnetZip);
        Assert.Throws<InvalidDataException>(() => TransformerFile.Load(new MemoryStream(mlnetZip.ToArray())));
    }

    [Fact]
    public void MLNetsModelSaveRefusesOurTransformersAloneOrInAChainPointingToSavePipeline()
    {
        var rows = _mlContext.Data.LoadFromEnumerable(Trained.MulticlassTestRows).Schema;
        using var alone = new MemoryStream();
        using var inChain = new MemoryStream();
        var errors = new[]
        {
            Assert.Throws<NotSupportedException>(() => _mlContext.Model.Save(Trained.Multiclass, Trained.MulticlassTest(_mlContext).Schema, alone)),
            Assert.Throws<NotSupportedException>(() =>
                _mlContext.Model.Save(new TransformerChain<ITransformer>(Trained.LabelToKey, Trained.Multiclass), rows, inChain)),
        };
        Assert.All(errors, error =>
        {
            Assert.Contains("MlpMulticlassTransformer", error.Message);
            Assert.Contains("SavePipeline", error.Message);
        });
    }

    [Fact]
    public void SavingToANullStreamOrANonMlpTransformerIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => Trained.Binary.Save(null!));
        var error = Assert.Throws<NotSupportedException>(() => TransformerFile.Save(Trained.LabelToKey, new MemoryStream()));
        Assert.Contains("mlContext.Model.Save", error.Message);
        Assert.False(TransformerFile.CanSave(Trained.LabelToKey));
        Assert.True(TransformerFile.CanSave(Trained.Binary));
    }
}
