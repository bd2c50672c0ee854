using Microsoft.ML;
using MLExtensions.Tests.Support;

namespace MLExtensions.Tests.MLNet;

/// <summary>
/// Our stratified cross-validation on both pipeline shapes ML.NET users write: the label keeps its name through
/// the pipeline, or the pipeline derives the scored label from another input column.
/// </summary>
public class StratifiedCrossValidateTests
{
    private readonly MLContext _ml = new(seed: 1);

    public static TheoryData<string> AllTasks => Tasks.All;

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void TheLabelKeepsItsNameThroughThePipeline(string task)
    {
        var data = Tasks.Data(_ml, task);
        var pipeline = Tasks.Pipeline(_ml, task, epochs: 20);
        IReadOnlyList<double> quality = task switch
        {
            "binary" => _ml.BinaryClassification.StratifiedCrossValidate(data, pipeline, numberOfFolds: 3).Folds.Select(f => f.Report.Metrics.Accuracy).ToArray(),
            "multiclass" => _ml.MulticlassClassification.StratifiedCrossValidate(data, pipeline, numberOfFolds: 3).Folds.Select(f => f.Report.Metrics.MicroAccuracy).ToArray(),
            _ => _ml.Regression.KFoldCrossValidate(data, pipeline, numberOfFolds: 3, stratificationBins: 4).Folds.Select(f => f.Report.Metrics.RSquared).ToArray(),
        };
        Assert.Equal(3, quality.Count);
        Assert.All(quality, q => Assert.True(q > 0.85, $"fold quality {q}"));
    }

    [Theory]
    [MemberData(nameof(AllTasks))]
    public void ThePipelineDerivesTheScoredLabelFromTheStratificationColumn(string task)
    {
        var data = _ml.Data.LoadFromEnumerable(Tasks.Rows(240, 1));
        switch (task)
        {
            case "binary":
            {
                var pipeline = _ml.Transforms.CopyColumns("Truth", "Positive")
                    .Append(_ml.BinaryClassification.Trainers.Mlp(Options(Fast.Binary(20), "Truth")));
                var cv = _ml.BinaryClassification.StratifiedCrossValidate(data, pipeline, numberOfFolds: 3,
                    labelColumnName: "Truth", stratificationColumnName: "Positive");
                Assert.All(cv.Folds, f => Assert.True(f.Report.Metrics.Accuracy > 0.85));
                AssertEachFoldKeepsTheClassShares(cv.Folds.Select(f => f.ScoredTestSet), "Positive");
                break;
            }
            case "multiclass":
            {
                // The README's shape: key the text label inside the pipeline, then give the predictions back as text.
                var pipeline = _ml.Transforms.Conversion.MapValueToKey("LabelKey", "Class")
                    .Append(_ml.MulticlassClassification.Trainers.Mlp(Options(Fast.Multiclass(20), "LabelKey")))
                    .Append(_ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
                var cv = _ml.MulticlassClassification.StratifiedCrossValidate(data, pipeline, numberOfFolds: 3,
                    labelColumnName: "LabelKey", stratificationColumnName: "Class");
                Assert.All(cv.Folds, f => Assert.True(f.Report.Metrics.MicroAccuracy > 0.85));
                Assert.All(cv.Folds, f => Assert.Equal(new[] { "middle", "high", "low" }.Order(), f.Report.ClassNames.Order()));
                AssertEachFoldKeepsTheClassShares(cv.Folds.Select(f => f.ScoredTestSet), "Class");
                break;
            }
            default:
            {
                var pipeline = _ml.Transforms.CopyColumns("Label", "Target")
                    .Append(_ml.Regression.Trainers.Mlp(Fast.Regression(20)));
                var cv = _ml.Regression.KFoldCrossValidate(data, pipeline, numberOfFolds: 3, labelColumnName: "Label",
                    stratificationColumnName: "Target", stratificationBins: 4);
                Assert.All(cv.Folds, f => Assert.True(f.Report.Metrics.RSquared > 0.85));
                break;
            }
        }
    }

    [Fact]
    public void AStratificationColumnThatIsMissingIsNamed()
    {
        var data = _ml.Data.LoadFromEnumerable(Tasks.Rows(30, 1));
        var e = Assert.ThrowsAny<ArgumentException>(() => _ml.MulticlassClassification.StratifiedCrossValidate(data,
            _ml.MulticlassClassification.Trainers.Mlp(), labelColumnName: "LabelKey", stratificationColumnName: "Colour"));
        Assert.Contains("'Colour'", e.Message);
    }

    private static T Options<T>(T options, string label) where T : MLExtensions.Trainers.MlpTrainerOptionsBase
    {
        options.LabelColumnName = label;
        return options;
    }

    private void AssertEachFoldKeepsTheClassShares(IEnumerable<IDataView> testSets, string column)
    {
        var all = Shares(_ml.Data.LoadFromEnumerable(Tasks.Rows(240, 1)), column);
        foreach (var fold in testSets)
            foreach (var (value, share) in Shares(fold, column))
                Assert.True(Math.Abs(share - all[value]) < 0.02, $"{column} = {value}: {share:0.000} in the fold, {all[value]:0.000} overall");
    }

    private static Dictionary<string, double> Shares(IDataView data, string column)
    {
        var values = new List<string>();
        var col = data.Schema[column];
        using var cursor = data.GetRowCursor(new[] { col });
        if (col.Type == Microsoft.ML.Data.BooleanDataViewType.Instance)
        {
            var getter = cursor.GetGetter<bool>(col);
            bool value = false;
            while (cursor.MoveNext())
            {
                getter(ref value);
                values.Add(value.ToString());
            }
        }
        else
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(col);
            ReadOnlyMemory<char> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                values.Add(value.ToString());
            }
        }
        return values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count() / (double)values.Count);
    }
}
