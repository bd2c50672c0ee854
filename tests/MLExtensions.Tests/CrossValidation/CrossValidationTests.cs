using Microsoft.ML;
using Microsoft.ML.Data;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.CrossValidation;

public class CrossValidationTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void BinaryFoldsScoreEveryRowExactlyOnceWithOurMlp()
    {
        var data = SyntheticData.Binary(_ml, 150);
        var trainer = _ml.BinaryClassification.Trainers.Mlp(Fast.Binary(epochs: 15));
        var cv = _ml.BinaryClassification.StratifiedCrossValidate(data, trainer, numberOfFolds: 3, seed: 5);

        Assert.Equal(3, cv.Folds.Count);
        var ids = cv.Folds.SelectMany(f => SyntheticData.Ids(f.ScoredTestSet)).OrderBy(i => i).ToArray();
        Assert.Equal(Enumerable.Range(0, 150), ids);
        Assert.Equal(150, cv.Folds.Sum(f => f.Report.RowCount));
        Assert.True(cv["Accuracy"].Mean > 0.8, cv.ToString());
        Assert.All(cv.Folds, f => Assert.IsType<MlpBinaryTransformer>(f.Model));
    }

    [Fact]
    public void SummaryIsTheMeanAndPopulationStandardDeviationOfTheFolds()
    {
        var data = SyntheticData.Binary(_ml, 90);
        var trainer = _ml.BinaryClassification.Trainers.Mlp(Fast.Binary(epochs: 5));
        var cv = _ml.BinaryClassification.StratifiedCrossValidate(data, trainer, numberOfFolds: 3, seed: 5);

        foreach (var name in new[] { "Accuracy", "AreaUnderRocCurve", "LogLoss" })
        {
            var values = cv.Folds.Select(f => f.Report.MetricValues[name]).ToArray();
            double mean = (values[0] + values[1] + values[2]) / 3;
            double std = Math.Sqrt(((values[0] - mean) * (values[0] - mean) + (values[1] - mean) * (values[1] - mean)
                                    + (values[2] - mean) * (values[2] - mean)) / 3);
            Assert.Equal(mean, cv[name].Mean, 12);
            Assert.Equal(std, cv[name].StandardDeviation, 12);
        }
        string text = cv.ToString();
        Assert.Contains("3-fold", text);
        Assert.Contains("fold 3", text);
        Assert.Contains("AreaUnderRocCurve", text);
        Assert.Throws<KeyNotFoundException>(() => cv["NoSuchMetric"]);
    }

    [Fact]
    public void ParallelFoldsGiveTheSameResultsAsSequential()
    {
        var data = SyntheticData.Multiclass(_ml, 120);
        var trainer = _ml.MulticlassClassification.Trainers.Mlp(Fast.Multiclass(epochs: 8));
        var sequential = _ml.MulticlassClassification.StratifiedCrossValidate(data, trainer, numberOfFolds: 3, seed: 2);
        var parallel = _ml.MulticlassClassification.StratifiedCrossValidate(data, trainer, numberOfFolds: 3, seed: 2, parallel: true);

        Assert.Equal(sequential.Folds.Select(f => f.Report.Metrics.LogLoss), parallel.Folds.Select(f => f.Report.Metrics.LogLoss));
        Assert.Equal(120, sequential.Folds.Sum(f => f.Report.RowCount));
        Assert.Equal(3, sequential.Folds[0].Report.ClassNames.Count);
    }

    [Fact]
    public void RegressionKFoldPlainAndStratifiedBothCoverEveryRow()
    {
        var data = SyntheticData.Regression(_ml, 90);
        var trainer = _ml.Regression.Trainers.Mlp(Fast.Regression(epochs: 8));
        foreach (int? bins in new int?[] { null, 4 })
        {
            var cv = _ml.Regression.KFoldCrossValidate(data, trainer, numberOfFolds: 3, seed: 1, stratificationBins: bins);
            var ids = cv.Folds.SelectMany(f => SyntheticData.Ids(f.ScoredTestSet)).OrderBy(i => i);
            Assert.Equal(Enumerable.Range(0, 90), ids);
            Assert.True(double.IsFinite(cv["RootMeanSquaredError"].Mean));
        }
    }

    [Fact]
    public void WorksWithAnyEstimatorThroughTheGenericRunner()
    {
        var data = SyntheticData.Regression(_ml, 60);
        var folds = _ml.Data.KFold(data, 2, seed: 1);
        var cv = MLExtensions.CrossValidation.Run(folds, new ConstantRegressor(), scored => _ml.Regression.EvaluateDetailed(scored));
        Assert.Equal(2, cv.Folds.Count);
        Assert.Equal(60, cv.Folds.Sum(f => f.Report.RowCount));
    }

    /// <summary>An estimator outside ML.NET and MLExtensions: copies the label's negation into Score via our own data view.</summary>
    private sealed class ConstantRegressor : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input) => new Transformer();

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;

        private sealed class Transformer : ITransformer
        {
            public bool IsRowToRowMapper => false;

            public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => throw new NotSupportedException();

            public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

            public IDataView Transform(IDataView input)
            {
                var ml = new MLContext();
                var rows = new List<ScoredRow>();
                using var cursor = input.GetRowCursor(new[] { input.Schema["Label"] });
                var getter = cursor.GetGetter<float>(input.Schema["Label"]);
                while (cursor.MoveNext())
                {
                    float label = 0;
                    getter(ref label);
                    rows.Add(new ScoredRow { Label = label, Score = 0.5f });
                }
                return ml.Data.LoadFromEnumerable(rows);
            }

            void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException();
        }

        private sealed class ScoredRow
        {
            public float Label { get; set; }
            public float Score { get; set; }
        }
    }
}
