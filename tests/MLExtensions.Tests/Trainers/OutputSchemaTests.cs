using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.Trainers;

/// <summary>The columns each transformer adds, and the estimator's promise of them before fitting.</summary>
public class OutputSchemaTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [Fact]
    public void BinaryAddsScoreProbabilityAndPredictedLabel()
    {
        var input = Trained.BinaryTest(_mlContext).Schema;
        var output = Trained.Binary.GetOutputSchema(input);

        Assert.Equal(input.Count + 3, output.Count);
        Assert.Equal(NumberDataViewType.Single, output["Score"].Type);
        Assert.Equal(NumberDataViewType.Single, output["Probability"].Type);
        Assert.Equal(BooleanDataViewType.Instance, output["PredictedLabel"].Type);
        Assert.Equal(new[] { "Features", "Label", "Score", "Probability", "PredictedLabel" }, output.Select(c => c.Name));
    }

    [Fact]
    public void MulticlassScoreIsANamedProbabilityVectorAndPredictedLabelAKeyWithTheLabelsValues()
    {
        var input = Trained.MulticlassTest(_mlContext).Schema;
        var output = Trained.Multiclass.GetOutputSchema(input);

        var score = output["Score"];
        var scoreType = Assert.IsType<VectorDataViewType>(score.Type);
        Assert.Equal(NumberDataViewType.Single, scoreType.ItemType);
        Assert.Equal(3, scoreType.Size);

        var predicted = output["PredictedLabel"];
        var key = Assert.IsType<KeyDataViewType>(predicted.Type);
        Assert.Equal(3ul, key.Count);
        Assert.Equal(typeof(uint), key.RawType);

        var labelValues = KeyValues(input["Label"]);
        Assert.Equal(3, labelValues.Length);
        Assert.Equal(labelValues, KeyValues(predicted));
        Assert.Equal(labelValues, TextAnnotation(score, "SlotNames"));
        Assert.Equal(labelValues, Trained.Multiclass.Model.ClassNames);
    }

    [Fact]
    public void MulticlassWithoutLabelKeyValuesHasNoAnnotations()
    {
        var data = _mlContext.Data.LoadFromEnumerable(KeyRows());
        var model = _mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass(epochs: 2)).Fit(data);
        var output = model.GetOutputSchema(data.Schema);

        Assert.Empty(output["Score"].Annotations.Schema);
        Assert.Empty(output["PredictedLabel"].Annotations.Schema);
    }

    [Fact]
    public void RegressionAddsAScalarScoreAndMultiTargetAVector()
    {
        var output = Trained.Regression.GetOutputSchema(Trained.RegressionTest(_mlContext).Schema);
        Assert.Equal(NumberDataViewType.Single, output["Score"].Type);

        var data = _mlContext.Data.LoadFromEnumerable(Datasets.TwoTargets(50, seed: 1));
        var model = _mlContext.Regression.Trainers.Mlp(Fast.Regression(epochs: 2)).Fit(data);
        var scoreType = Assert.IsType<VectorDataViewType>(model.GetOutputSchema(data.Schema)["Score"].Type);
        Assert.Equal(2, scoreType.Size);
        Assert.Equal(NumberDataViewType.Single, scoreType.ItemType);
    }

    [Fact]
    public void ScoringDataNeedsNoLabelColumn()
    {
        var data = _mlContext.Data.LoadFromEnumerable(new[] { new FeaturesOnly { Features = new[] { 1f, 1f } } });
        var scored = _mlContext.Data.CreateEnumerable<MulticlassKeyPrediction>(Trained.Multiclass.Transform(data), reuseRowObject: false).Single();
        Assert.Equal(3, scored.Score.Length);
        // Class names come from training, not from the (absent) label column.
        Assert.NotEmpty(Trained.Multiclass.GetOutputSchema(data.Schema)["PredictedLabel"].Annotations.Schema);
    }

    [Fact]
    public void OutputColumnsHideInputColumnsOfTheSameName()
    {
        var data = _mlContext.Data.LoadFromEnumerable(Trained.BinaryTestRows.Take(5).Select(r => new WithStaleScore { Features = r.Features, Score = 42 }).ToList());
        var scored = Trained.Binary.Transform(data);
        Assert.DoesNotContain(42f, Trained.Scores(_mlContext, Trained.Binary, data).Select(s => s[0]));
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        Assert.True(scored.Schema.Count(c => c.Name == "Score") == 2 && scored.Schema.Where(c => c.Name == "Score").First().IsHidden);
    }

    public sealed class OneTargetVectorRow
    {
        [VectorType(1)] public float[] Features = new float[1];
        [VectorType(1)] public float[] Label = new float[1];
    }

    public sealed class WithStaleScore
    {
        [VectorType(2)] public float[] Features = new float[2];
        public float Score;
    }

    public static TheoryData<string> Tasks => new() { "binary", "multiclass", "multiclass-no-key-values", "regression", "multi-target", "one-target-vector" };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void EstimatorOutputShapeAgreesWithTheTransformedSchema(string task)
    {
        var (estimator, data) = EstimatorAndData(task);
        var promised = estimator.GetOutputSchema(ColumnFacts.Shape(data.Schema));
        var actual = estimator.Fit(data).Transform(data).Schema;

        var actualFacts = actual.Where(c => !c.IsHidden).Select(ColumnFacts.Of).ToList();
        var promisedFacts = promised.Select(ColumnFacts.Of).ToList();
        Assert.Equal(actualFacts.Select(f => f.Name).OrderBy(n => n), promisedFacts.Select(f => f.Name).OrderBy(n => n));
        foreach (var fact in actualFacts)
            Assert.Equal(fact, promisedFacts.Single(p => p.Name == fact.Name));
    }

    [Fact]
    public void EstimatorOutputShapeRejectsMissingOrMistypedColumns()
    {
        var binary = _mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary());
        var regressionShape = ColumnFacts.Shape(Trained.RegressionTest(_mlContext).Schema);

        var wrongLabel = Assert.Throws<ArgumentOutOfRangeException>(() => binary.GetOutputSchema(regressionShape));
        Assert.Contains("'Label'", wrongLabel.Message);
        Assert.Contains("Boolean", wrongLabel.Message);

        var options = Fast.Binary();
        options.FeatureColumnName = "Pixels";
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(options).GetOutputSchema(ColumnFacts.Shape(Trained.BinaryTest(_mlContext).Schema)));
        Assert.Contains("'Pixels'", missing.Message);

        var multiclass = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass())
                .GetOutputSchema(ColumnFacts.Shape(_mlContext.Data.LoadFromEnumerable(Trained.MulticlassTestRows).Schema)));
        Assert.Contains("MapValueToKey", multiclass.Message);

        var weighted = Fast.Binary();
        weighted.ExampleWeightColumnName = "Importance";
        var missingWeight = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _mlContext.BinaryClassification.Trainers.Mlp(weighted).GetOutputSchema(ColumnFacts.Shape(Trained.BinaryTest(_mlContext).Schema)));
        Assert.Contains("'Importance'", missingWeight.Message);
    }

    private (IEstimator<ITransformer> Estimator, IDataView Data) EstimatorAndData(string task) => task switch
    {
        "binary" => (_mlContext.BinaryClassification.Trainers.Mlp(Fast.Binary(epochs: 2)), Trained.BinaryTest(_mlContext)),
        "multiclass" => (_mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass(epochs: 2)), Trained.MulticlassTest(_mlContext)),
        "multiclass-no-key-values" => (_mlContext.MulticlassClassification.Trainers.Mlp(Fast.Multiclass(epochs: 2)), _mlContext.Data.LoadFromEnumerable(KeyRows())),
        "regression" => (_mlContext.Regression.Trainers.Mlp(Fast.Regression(epochs: 2)), Trained.RegressionTest(_mlContext)),
        "multi-target" => (_mlContext.Regression.Trainers.Mlp(Fast.Regression(epochs: 2)), _mlContext.Data.LoadFromEnumerable(Datasets.TwoTargets(50, seed: 1))),
        "one-target-vector" => (_mlContext.Regression.Trainers.Mlp(Fast.Regression(epochs: 2)),
            _mlContext.Data.LoadFromEnumerable(Trained.RegressionTrainRows.Take(50).Select(r => new OneTargetVectorRow { Features = r.Features, Label = new[] { r.Label } }).ToList())),
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    };

    private static List<KeyLabelRow> KeyRows() => Datasets.ThreeClusters(60, seed: 1)
        .Select(r => new KeyLabelRow { Features = r.Features, Label = (uint)Array.IndexOf(Datasets.ClusterNames, r.Label) }).ToList();

    private static string[] KeyValues(DataViewSchema.Column column)
    {
        return TextAnnotation(column, "KeyValues");
    }

    internal static string[] TextAnnotation(DataViewSchema.Column column, string kind)
    {
        var values = default(VBuffer<ReadOnlyMemory<char>>);
        column.Annotations.GetValue(kind, ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }
}
