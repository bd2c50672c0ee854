using Microsoft.ML;
using MLExtensions.Tests.CrossValidation;
using MLExtensions.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Tests.Search;

public class HyperparameterSearchTests
{
    private readonly MLContext _ml = new(seed: 1);

    private HyperparameterSearch<MlpBinaryTrainer.Options> BinarySearch(SearchSpace<MlpBinaryTrainer.Options> space, SearchObjective objective, int epochs) =>
        new(() => Fast.Binary(epochs), o => _ml.BinaryClassification.Trainers.Mlp(o), space, objective);

    [Fact]
    public void RandomSearchFindsAWorkingLearningRateAndRefinesAroundIt()
    {
        var data = SyntheticData.Binary(_ml, 160);
        var split = _ml.Data.StratifiedTrainTestSplit(data, 0.25, seed: 3);
        var objective = SearchObjective.HoldOut(_ml, PredictionKind.BinaryClassification, split.TrainSet, split.TestSet);
        var space = new SearchSpace<MlpBinaryTrainer.Options>()
            .LogUniform("LearningRate", 1e-6, 0.3, (o, v) => o.LearningRate = (float)v);

        // Seed 5 draws 3.8e-5, 2.0e-3, 3.6e-3, 3.2e-2, 6.8e-4 and 2.0e-2 (the engine's generator, log-uniform): rates too
        // small to learn in 6 epochs beside working ones, so the search has something to find.
        var result = BinarySearch(space, objective, epochs: 6).RandomSearch(6, seed: 5, refinementRounds: 1, trialsPerRefinement: 3);

        Assert.Equal(9, result.Trials.Count);
        Assert.Equal(3, result.Trials.Count(t => t.Round == 1));
        double bestRate = (double)result.Best.Values["LearningRate"];
        Assert.True(bestRate > 1e-3, result.ToString());
        Assert.True(result.Best.Score > 0.85, result.ToString());
        // Best first: scores never increase down the completed trials.
        var scores = result.Trials.Where(t => t.Status == TrialStatus.Completed).Select(t => t.Score).ToArray();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        // The refined round samples within half the log-range around the good trials.
        var refined = result.Trials.Where(t => t.Round == 1).Select(t => Math.Log((double)t.Values["LearningRate"])).ToArray();
        Assert.True(refined.Max() - refined.Min() <= (Math.Log(0.3) - Math.Log(1e-6)) / 2 + 1e-9);

        var best = result.BestOptions;
        Assert.Equal((float)bestRate, best.LearningRate);
        Assert.Null(best.Progress);
        Assert.Contains("LearningRate", result.ToString());
        Assert.Contains("Best:", result.ToString());
    }

    [Fact]
    public void DivergingTrialsAreCutShortAndMarked()
    {
        var data = SyntheticData.Regression(_ml, 80);
        var split = _ml.Data.KFold(data, 4, seed: 1)[0];
        var objective = SearchObjective.HoldOut(_ml, PredictionKind.Regression, split.TrainSet, split.TestSet);
        var space = new SearchSpace<MlpRegressionTrainer.Options>()
            .Choice("LearningRate", new[] { 0.01f, 8f }, (o, v) => o.LearningRate = v);
        var search = new HyperparameterSearch<MlpRegressionTrainer.Options>(
            () =>
            {
                var o = Fast.Regression(epochs: 30);
                o.Optimizer = MlpOptimizer.Sgd;
                return o;
            },
            o => _ml.Regression.Trainers.Mlp(o), space, objective);

        var result = search.GridSearch();

        var diverged = Assert.Single(result.Trials, t => t.Status == TrialStatus.Diverged);
        Assert.Equal(8f, diverged.Values["LearningRate"]);
        // Cut short by the trainer's own guard: a few epochs, or none at all when the first one already blew up.
        Assert.True(diverged.EpochsRun is null or < 30, $"ran {diverged.EpochsRun} epochs");
        Assert.False(string.IsNullOrEmpty(diverged.Message));
        Assert.Equal(0.01f, result.Best.Values["LearningRate"]);
        Assert.Equal(30, result.Best.EpochsRun);
        Assert.Same(diverged, result.Trials[^1]);
        Assert.Contains("diverged", result.ToString());
        Assert.Equal("RootMeanSquaredError", result.Objective.MetricName);
        Assert.False(result.Objective.Maximize);
    }

    [Fact]
    public void TheSameSeedGivesTheSameSearch()
    {
        var data = SyntheticData.Multiclass(_ml, 90);
        var space = new SearchSpace<MlpMulticlassTrainer.Options>()
            .LogUniform("LearningRate", 1e-3, 1e-1, (o, v) => o.LearningRate = (float)v)
            .IntRange("BatchSize", 8, 32, (o, v) => o.BatchSize = v)
            .Choice("HiddenLayerSizes", new[] { new[] { 4 }, new[] { 8 } }, (o, v) => o.HiddenLayerSizes = v);

        SearchResult<MlpMulticlassTrainer.Options> Run(int seed)
        {
            var objective = SearchObjective.CrossValidation(_ml, PredictionKind.MulticlassClassification, data, numberOfFolds: 2, seed: 1);
            return new HyperparameterSearch<MlpMulticlassTrainer.Options>(
                () => Fast.Multiclass(epochs: 3),
                o => _ml.MulticlassClassification.Trainers.Mlp(o), space, objective).RandomSearch(3, seed);
        }

        var first = Run(5);
        var second = Run(5);
        var other = Run(6);
        Assert.Equal(Describe(first), Describe(second));
        Assert.NotEqual(Describe(first), Describe(other));
        Assert.All(first.Trials, t => Assert.InRange((int)t.Values["BatchSize"], 8, 32));
        Assert.All(first.Trials, t => Assert.InRange((double)t.Values["LearningRate"], 1e-3, 1e-1));
    }

    [Fact]
    public void AMetricTheTaskLacksIsRefusedWhenTheObjectiveIsCreatedListingTheMetrics()
    {
        var data = SyntheticData.Binary(_ml, 20);

        var holdOut = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SearchObjective.HoldOut(_ml, PredictionKind.BinaryClassification, data, data, metricName: "RSquared"));
        var crossValidation = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SearchObjective.CrossValidation(_ml, PredictionKind.Regression, data, metricName: "Accuracy"));

        Assert.Equal("metricName", holdOut.ParamName);
        Assert.Contains("'RSquared' is no BinaryClassification metric; the metrics are: Accuracy, AreaUnderRocCurve,", holdOut.Message);
        Assert.Contains("LogLoss", holdOut.Message);
        Assert.Equal("metricName", crossValidation.ParamName);
        Assert.Contains("MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, RSquared, ExplainedVariance, MaxError.", crossValidation.Message);
    }

    [Fact]
    public void AnEstimatorThatThrowsFailsItsTrialButASetterThatThrowsEndsTheSearch()
    {
        var constant = new SearchObjective("Accuracy", maximize: true, "constant", _ => new[] { 0.5 });
        var batchSizes = new SearchSpace<MlpBinaryTrainer.Options>()
            .Choice("BatchSize", new[] { 0, 8 }, (o, v) => o.BatchSize = v);

        var result = BinarySearch(batchSizes, constant, epochs: 1).GridSearch();

        var failed = Assert.Single(result.Trials, t => t.Status == TrialStatus.Failed);
        Assert.Equal(0, (int)failed.Values["BatchSize"]);
        Assert.Contains("BatchSize", failed.Message);
        Assert.Equal(0.5, Assert.Single(result.Trials, t => t.Status == TrialStatus.Completed).Score);

        var brokenSetter = new SearchSpace<MlpBinaryTrainer.Options>()
            .Choice("HiddenLayerSizes", new[] { 4, 8 }, (o, v) => o.HiddenLayerSizes![v] = v);
        var error = Assert.Throws<InvalidOperationException>(() => BinarySearch(brokenSetter, constant, epochs: 1).GridSearch());
        Assert.StartsWith("The setter of search parameter 'HiddenLayerSizes' threw on the value 4:", error.Message);
        Assert.IsType<IndexOutOfRangeException>(error.InnerException);
    }

    [Fact]
    public void GridSearchTriesEveryCombinationWithLogSpacing()
    {
        var data = SyntheticData.Binary(_ml, 60);
        var split = _ml.Data.StratifiedTrainTestSplit(data, 0.3, seed: 1);
        var objective = SearchObjective.HoldOut(_ml, PredictionKind.BinaryClassification, split.TrainSet, split.TestSet, metricName: "LogLoss");
        var space = new SearchSpace<MlpBinaryTrainer.Options>()
            .LogUniform("LearningRate", 1e-3, 1e-1, (o, v) => o.LearningRate = (float)v)
            .Choice("HiddenLayerSizes", new[] { new[] { 4 }, new[] { 8 } }, (o, v) => o.HiddenLayerSizes = v);

        var result = BinarySearch(space, objective, epochs: 2).GridSearch(pointsPerRange: 3);

        Assert.Equal(6, result.Trials.Count);
        var rates = result.Trials.Select(t => (double)t.Values["LearningRate"]).Distinct().OrderBy(r => r).ToArray();
        Assert.Equal(new[] { 1e-3, 1e-2, 1e-1 }, rates.Select(r => Math.Round(r, 12)));
        Assert.False(objective.Maximize); // log-loss is minimized
        Assert.Contains("[8]", result.ToString());
    }

    private static string Describe<TOptions>(SearchResult<TOptions> result) =>
        string.Join("|", result.Trials.OrderBy(t => t.Number).Select(t =>
            string.Join(",", t.Values.Select(v => v.Value is int[] a ? string.Join("-", a) : Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)))
            + "=" + t.Score.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
}
