using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.Trainers;

/// <summary>Bad training data fails fast with a message naming the column (and row) at fault.</summary>
public class TrainingErrorTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [Fact]
    public void MissingFeatureColumnIsNamedWithTheColumnsThereAre()
    {
        var options = Fast.Binary();
        options.FeatureColumnName = "Pixels";
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(Trained.BinaryTrainRows)));
        Assert.Contains("feature column 'Pixels' was not found", error.Message);
        Assert.Contains("'Features'", error.Message);
    }

    [Fact]
    public void MissingLabelColumnIsNamed()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary())
                .Fit(_mlContext.Data.LoadFromEnumerable(new[] { new FeaturesOnly() })));
        Assert.Contains("label column 'Label' was not found", error.Message);
    }

    [Fact]
    public void FloatLabelForBinaryClassificationIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary()).Fit(VectorFeatureRegressionData()));
        Assert.Contains("'Label'", error.Message);
        Assert.Contains("Boolean", error.Message);
    }

    [Fact]
    public void NonKeyLabelForMulticlassIsRejectedPointingToMapValueToKey()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass()).Fit(_mlContext.Data.LoadFromEnumerable(Trained.MulticlassTrainRows)));
        Assert.Contains("'Label'", error.Message);
        Assert.Contains("MapValueToKey", error.Message);
    }

    [Fact]
    public void KeyLabelForRegressionIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.Regression.Trainers.Mlp(Fast.Regression()).Fit(Trained.MulticlassTest(_mlContext)));
        Assert.Contains("'Label'", error.Message);
    }

    [Fact]
    public void VariableSizeFeatureVectorIsRejected()
    {
        var data = _mlContext.Data.LoadFromEnumerable(new[]
        {
            new VariableFeatures { Features = new[] { 1f, 2f }, Label = true },
            new VariableFeatures { Features = new[] { 1f }, Label = false },
        });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary()).Fit(data));
        const string Message = "The feature column 'Features' is a variable-size vector of Single; a known size fixes the network's input width.";
        Assert.Equal("trainData", error.ParamName);
        Assert.StartsWith(Message, error.Message);
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary()).GetOutputSchema(MLExtensions.Tests.Scaling.ScalingTestData.ShapeOf(data.Schema)));
        Assert.Equal("inputSchema", shape.ParamName);
        Assert.StartsWith(Message, shape.Message);
    }

    [Fact]
    public void NonFloatFeaturesAreRejected()
    {
        var data = _mlContext.Data.LoadFromEnumerable(new[] { new DoubleFeatures { Features = new[] { 1.0, 2.0 }, Label = true } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary()).Fit(data));
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("Single", error.Message);
    }

    [Fact]
    public void GetOutputSchemaRefusesTheFeaturesFitRefusesWithTheSameWords()
    {
        var data = _mlContext.Data.LoadFromEnumerable(new[] { new DoubleFeatures { Features = new[] { 1.0, 2.0 }, Label = true } });
        var trainer = _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary());

        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data));
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(Scaling.ScalingTestData.ShapeOf(data.Schema)));
        // The schema shape knows the item type but not the vector's size, so only what each found differs.
        const string expected = "The feature column 'Features' must hold Single (float) values or a known-size vector of them; it holds ";
        Assert.StartsWith(expected + "Vector<Double, 2>", fit.Message);
        Assert.StartsWith(expected + "Double", shape.Message);
    }

    [Fact]
    public void EmptyDataIsRejected()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary()).Fit(_mlContext.Data.LoadFromEnumerable(new List<BinaryRow>())));
        Assert.Contains("no rows", error.Message);
    }

    [Fact]
    public void ASingleClassIsRejectedNamingIt()
    {
        var rows = Trained.BinaryTrainRows.Where(r => r.Label).ToList();
        var binary = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary()).Fit(_mlContext.Data.LoadFromEnumerable(rows)));
        Assert.Contains("single class (true)", binary.Message);
        Assert.Contains("'Label'", binary.Message);

        var greens = Trained.MulticlassTrainRows.Where(r => r.Label == "green").ToList();
        var data = _mlContext.Data.LoadFromEnumerable(greens);
        // Keys learned from all three classes: the label type has 3 values, but the rows use one.
        var keyed = Trained.LabelToKey.Transform(data);
        var multiclass = Assert.Throws<InvalidOperationException>(() => _mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass()).Fit(keyed));
        Assert.Contains("'green'", multiclass.Message);
    }

    [Fact]
    public void KeyZeroInTheLabelNamesTheRow()
    {
        var rows = Datasets.ThreeClusters(30, seed: 1)
            .Select((r, i) => new KeyLabelRow { Features = r.Features, Label = i == 17 ? 3u : (uint)(i % 3) }).ToList();
        // [KeyType(3)] takes values 0..2; ML.NET stores the 3 of row 17 as key 0, missing.
        var error = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass()).Fit(_mlContext.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Row 17", error.Message);
        Assert.Contains("'Label'", error.Message);
        Assert.Contains("key 0", error.Message);
        Assert.Contains("[KeyType(N)]", error.Message);
        Assert.Contains("0-based", error.Message);
    }

    [Fact]
    public void AValueMissingFromKeyDataBecomesKeyZeroAndNamesTheRow()
    {
        var keyData = _mlContext.Data.LoadFromEnumerable(new[] { new LabelOnly { Label = "red" }, new LabelOnly { Label = "green" } });
        var data = _mlContext.Data.LoadFromEnumerable(Trained.MulticlassTrainRows);
        var keyed = _mlContext.Transforms.Conversion.MapValueToKey("Label", keyData: keyData).Fit(data).Transform(data);
        int firstBlue = Trained.MulticlassTrainRows.FindIndex(r => r.Label == "blue");

        var error = Assert.Throws<InvalidOperationException>(() => _mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass()).Fit(keyed));
        Assert.Contains($"Row {firstBlue} ", error.Message);
        Assert.Contains("missing label", error.Message);
    }

    [Fact]
    public void NonFiniteFeatureRowsCanBeSkippedAndAreCounted()
    {
        var rows = Datasets.TwoBlobs(60, seed: 1);
        rows[3].Features[0] = float.NaN;
        rows[10].Features[1] = float.PositiveInfinity;
        rows[11].Features[0] = float.NegativeInfinity;
        var options = Fast.Binary(epochs: 3);
        options.SkipRowsWithNonFiniteFeatures = true;

        var model = _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(rows));
        Assert.Equal(3, model.Model.SkippedRows);
        Assert.All(Trained.Scores(_mlContext, model, Trained.BinaryTest(_mlContext)), s => Assert.True(float.IsFinite(s[0])));
    }

    [Fact]
    public void AllRowsSkippedIsAnError()
    {
        var rows = Datasets.TwoBlobs(4, seed: 1);
        rows.ForEach(r => r.Features[0] = float.NaN);
        var options = Fast.Binary();
        options.SkipRowsWithNonFiniteFeatures = true;
        var error = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(rows)));
        Assert.Contains("All 4 rows", error.Message);
    }

    [Fact]
    public void NegativeExampleWeightNamesTheRow()
    {
        var rows = Trained.BinaryTrainRows.Take(20).Select((r, i) => new WeightedBinaryRow { Features = r.Features, Label = r.Label, Weight = i == 6 ? -1f : 1f }).ToList();
        var options = Fast.Binary();
        options.ExampleWeightColumnName = "Weight";
        var error = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Row 6", error.Message);
        Assert.Contains("'Weight'", error.Message);
        Assert.Contains("-1", error.Message);
    }

    [Fact]
    public void MissingExampleWeightColumnIsNamed()
    {
        var options = Fast.Binary();
        options.ExampleWeightColumnName = "Importance";
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(options).Fit(_mlContext.Data.LoadFromEnumerable(Trained.BinaryTrainRows)));
        Assert.Contains("example weight column 'Importance'", error.Message);
    }

    [Fact]
    public void NonFiniteRegressionLabelNamesTheRow()
    {
        var rows = Datasets.NoisyQuadratic(20, seed: 1);
        rows[9].Label = float.NaN;
        var error = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.Regression.Trainers.Mlp(Fast.Regression()).Fit(_mlContext.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Row 9", error.Message);
        Assert.Contains("'Label'", error.Message);
    }

    [Fact]
    public void ScoringDataWithAnotherFeatureWidthIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Trained.Binary.Transform(Trained.RegressionTest(_mlContext)));
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("fitted on 2 values per row", error.Message);
    }

    [Fact]
    public void ClassWeightsOfTheWrongLengthAreRejected()
    {
        var binary = Fast.Binary();
        binary.ClassWeights = new[] { 1f, 2f, 3f };
        Assert.Throws<ArgumentOutOfRangeException>(() => _mlContext.BinaryClassification.Trainers.Mlp(binary));

        var multiclass = Fast.Multiclass();
        multiclass.ClassWeights = new[] { 1f, 2f };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.MulticlassClassification.Trainers.Mlp(multiclass).Fit(Trained.MulticlassTest(_mlContext)));
        Assert.Contains("3 classes", error.Message);
    }

    [Fact]
    public void ValidationDataWithAnotherClassCountIsRejected()
    {
        var train = Trained.MulticlassTest(_mlContext);
        var twoClassRows = Trained.MulticlassTestRows.Where(r => r.Label != "blue").ToList();
        var twoClassData = _mlContext.Data.LoadFromEnumerable(twoClassRows);
        var validation = _mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(twoClassData).Transform(twoClassData);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass(epochs: 2)).Fit(train, validation));
        Assert.Contains("validation", error.Message);
        Assert.Contains("'Label'", error.Message);
    }

    [Fact]
    public void EmptyValidationDataIsNamedAsSuch()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary()).Fit(
                _mlContext.Data.LoadFromEnumerable(Trained.BinaryTrainRows), _mlContext.Data.LoadFromEnumerable(new List<BinaryRow>())));
        Assert.Contains("validation data has no rows", error.Message);
    }

    [Fact]
    public void BadValidationRowsSayTheyAreInTheValidationData()
    {
        var rows = Datasets.TwoBlobs(20, seed: 3);
        rows[4].Features[0] = float.NaN;
        var error = Assert.Throws<InvalidOperationException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary()).Fit(
                _mlContext.Data.LoadFromEnumerable(Trained.BinaryTrainRows), _mlContext.Data.LoadFromEnumerable(rows)));
        Assert.Contains("validation data", error.Message);
        Assert.Contains("Row 4", error.Message);
    }

    private IDataView VectorFeatureRegressionData() =>
        _mlContext.Data.LoadFromEnumerable(Trained.BinaryTrainRows.Select(r => new FloatLabelRow { Features = r.Features, Label = r.Label ? 1 : 0 }).ToList());

    public sealed class FloatLabelRow
    {
        [VectorType(2)] public float[] Features = new float[2];
        public float Label;
    }

    public sealed class VariableFeatures
    {
        public float[] Features = Array.Empty<float>();
        public bool Label;
    }

    public sealed class DoubleFeatures
    {
        [VectorType(2)] public double[] Features = new double[2];
        public bool Label;
    }

    public sealed class LabelOnly
    {
        public string Label = "";
    }
}
