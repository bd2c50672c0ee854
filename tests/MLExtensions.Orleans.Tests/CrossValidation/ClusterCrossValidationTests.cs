using Microsoft.ML;
using MLExtensions.Distributed.Tests.Support;
using MLExtensions.Tests.Support;

namespace MLExtensions.Distributed.Tests.CrossValidation;

[Collection(SharedClusterCollection.Name)]
public class ClusterCrossValidationTests
{
    private readonly WorkerCluster _cluster;

    public ClusterCrossValidationTests(SharedCluster shared) => _cluster = shared.Cluster;

    [Fact]
    public async Task StratifiedCrossValidationEqualsTheLocalOneAndItsModelsScoreTheSame()
    {
        var ml = new MLContext(seed: 0);
        var data = _cluster.Data.Multiclass.Load(ml);

        var cluster = await ml.MulticlassClassification.StratifiedCrossValidateAsync(_cluster.Client, _cluster.Data.Multiclass,
            Definitions.MulticlassPipeline, numberOfFolds: 3, seed: 2);
        var local = ml.MulticlassClassification.StratifiedCrossValidate(data, Definitions.MulticlassPipeline.CreateLocal(), numberOfFolds: 3, seed: 2);

        Assert.Equal(3, cluster.Folds.Count);
        var testSets = ml.Data.StratifiedKFold(data, 3, seed: 2).Select(f => f.TestSet).ToArray();
        for (int i = 0; i < 3; i++)
        {
            Same.Metrics(local.Folds[i].Report.MetricValues, cluster.Folds[i].Report.MetricValues, $"fold {i + 1}");
            Assert.Equal(local.Folds[i].Report.ToString(), cluster.Folds[i].Report.ToString());
            Assert.Equal(Scores(local.Folds[i].ScoredTestSet), Scores(cluster.Folds[i].ScoredTestSet));
            // The model that came back from the silo scores the fold's rows as the local model does.
            Assert.Equal(Scores(local.Folds[i].ScoredTestSet), Scores(cluster.Folds[i].Model.Transform(testSets[i])));
        }
        Assert.Equal(local.ToString(), cluster.ToString());
    }

    [Fact]
    public async Task KFoldRegressionEqualsTheLocalOne()
    {
        var ml = new MLContext(seed: 0);

        var cluster = await ml.Regression.KFoldCrossValidateAsync(_cluster.Client, _cluster.Data.Regression, Definitions.Regression, numberOfFolds: 4,
            seed: 5, stratificationBins: 3);
        var local = ml.Regression.KFoldCrossValidate(_cluster.Data.Regression.Load(ml), Definitions.Regression.CreateLocal(), numberOfFolds: 4,
            seed: 5, stratificationBins: 3);

        for (int i = 0; i < 4; i++)
            Same.Metrics(local.Folds[i].Report.MetricValues, cluster.Folds[i].Report.MetricValues, $"fold {i + 1}");
        Same.Bits(local["RootMeanSquaredError"].Mean, cluster["RootMeanSquaredError"].Mean, "mean RMSE");
    }

    [Fact]
    public async Task AFoldThatCannotBeFittedStopsTheRunWithItsMessage()
    {
        var ml = new MLContext(seed: 0);
        // The regression data's label is a float: the multiclass trainer refuses it, here as on a silo.
        var localError = Assert.ThrowsAny<Exception>(() => ml.MulticlassClassification.StratifiedCrossValidate(_cluster.Data.Regression.Load(ml),
            Definitions.MulticlassPipeline.CreateLocal(), numberOfFolds: 2, stratificationColumnName: "Features"));

        var error = await Assert.ThrowsAsync<ClusterWorkerException>(() => ml.MulticlassClassification.StratifiedCrossValidateAsync(_cluster.Client,
            _cluster.Data.Regression, Definitions.MulticlassPipeline, numberOfFolds: 2, stratificationColumnName: "Features"));

        Assert.Contains(localError.Message, error.Message);
        Assert.Equal(localError.GetType().FullName, error.RemoteExceptionType);
    }

    private static float[][] Scores(IDataView scored) => FloatColumns.Read(scored, "Score");
}
