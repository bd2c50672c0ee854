using Microsoft.ML;
using MLExtensions.Distributed.Tests.Support;
using MLExtensions.Trainers;

namespace MLExtensions.Distributed.Tests.Search;

[Collection(SharedClusterCollection.Name)]
public class ClusterSearchTests
{
    private readonly WorkerCluster _cluster;

    public ClusterSearchTests(SharedCluster shared) => _cluster = shared.Cluster;

    [Fact]
    public async Task RandomSearchSpreadsTrialsOverEverySiloAndEqualsTheLocalSearch()
    {
        var definition = Definitions.BinarySearch();
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.BinaryClassification, _cluster.Data.Binary, numberOfFolds: 3, seed: 4);
        var progress = new RecordingProgress();

        var cluster = await new ClusterHyperparameterSearch<MlpBinaryTrainer.Options>(_cluster.Client, definition, objective, WorkerCluster.RunOptions(progress))
            .RandomSearchAsync(8, seed: 11, refinementRounds: 1, trialsPerRefinement: 4);
        var local = definition.ToLocalSearch(objective.ToLocal(new MLContext(seed: 0)))
            .RandomSearch(8, seed: 11, refinementRounds: 1, trialsPerRefinement: 4);

        Assert.Equal(12, cluster.Trials.Count);
        Same.Trials(local.Trials, cluster.Trials);
        Assert.Equal(local.ToString(), cluster.ToString());
        Assert.Equal(local.BestOptions.LearningRate, cluster.BestOptions.LearningRate);
        Assert.Equal("3-fold cross-validated Accuracy", cluster.Objective.Description);
        // Every trial finished once. A trial lost with a silo that stopped answering (a slow reply on a loaded machine) is
        // started again, so the counts below allow for that rather than assume it never happens.
        var finished = progress.Events(ClusterRunEventKind.Finished).ToList();
        Assert.Equal(cluster.Trials.Select(t => $"trial {t.Number}").OrderBy(u => u), finished.Select(e => e.Unit).OrderBy(u => u));
        var last = progress.Reports[^1];
        int lost = progress.Events(ClusterRunEventKind.Lost).Count();
        Assert.Equal((12, 12, 0, 0, lost), (last.Total, last.Finished, last.Running, last.Failed, last.Retried));
        Assert.Equal(12 + lost, progress.Events(ClusterRunEventKind.Started).Count());
        // Each silo's first slot takes a trial as the run starts (eight trials, six slots): a silo that stayed in the run
        // finished one at least.
        var stayed = progress.Events(ClusterRunEventKind.SiloJoined).Select(e => e.Silo)
            .Except(progress.Events(ClusterRunEventKind.SiloLeft).Select(e => e.Silo)).ToList();
        Assert.NotEmpty(stayed);
        Assert.All(stayed, silo => Assert.Contains(finished, e => e.Silo == silo));
    }

    [Fact]
    public async Task GridSearchWithAHoldOutEqualsTheLocalGrid()
    {
        var definition = Definitions.BinarySearch();
        var objective = ClusterSearchObjective.HoldOut(PredictionKind.BinaryClassification, _cluster.Data.Binary, _cluster.Data.BinaryValidation,
            metricName: "LogLoss");

        var cluster = await new ClusterHyperparameterSearch<MlpBinaryTrainer.Options>(_cluster.Client, definition, objective).GridSearchAsync(pointsPerRange: 2);
        var local = definition.ToLocalSearch(objective.ToLocal(new MLContext(seed: 0))).GridSearch(pointsPerRange: 2);

        Assert.Equal(8, cluster.Trials.Count); // 2 rates × 2 layer choices × 2 batch sizes
        Same.Trials(local.Trials, cluster.Trials);
        Assert.False(cluster.Objective.Maximize);
    }

    [Fact]
    public async Task FailedAndDivergedTrialsCarryTheLocalStatusAndMessage()
    {
        var definition = Definitions.RegressionSearch;
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.Regression, _cluster.Data.Regression, numberOfFolds: 3, seed: 1);
        var progress = new RecordingProgress();

        var cluster = await new ClusterHyperparameterSearch<MlpRegressionTrainer.Options>(_cluster.Client, definition, objective, WorkerCluster.RunOptions(progress))
            .GridSearchAsync();
        var local = definition.ToLocalSearch(objective.ToLocal(new MLContext(seed: 0))).GridSearch();

        Same.Trials(local.Trials, cluster.Trials);
        Assert.Equal(new[] { TrialStatus.Completed, TrialStatus.Diverged, TrialStatus.Failed }, cluster.Trials.Select(t => t.Status));
        // The trainer refuses the negative rate by name, on the silo as it does here.
        Assert.Contains("LearningRate", cluster.Trials[2].Message);
        Assert.Equal(-1f, cluster.Trials[2].Values["LearningRate"]);
        Assert.Equal(2, progress.Reports[^1].Failed);
        Assert.Equal(2, progress.Events(ClusterRunEventKind.Failed).Count());
    }

    [Fact]
    public async Task ASearchNoSiloKnowsStopsWithTheSilosMessage()
    {
        var unknown = new SearchDefinition<MlpBinaryTrainer.Options>("not-registered", () => new MlpBinaryTrainer.Options(),
            (ml, o) => ml.BinaryClassification.Trainers.Mlp(o),
            new SearchSpace<MlpBinaryTrainer.Options>().Uniform("LearningRate", 0.01, 0.1, (o, v) => o.LearningRate = (float)v));
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.BinaryClassification, _cluster.Data.Binary);

        var error = await Assert.ThrowsAsync<ClusterWorkerException>(() =>
            new ClusterHyperparameterSearch<MlpBinaryTrainer.Options>(_cluster.Client, unknown, objective).RandomSearchAsync(2));

        Assert.Contains("no search definition named 'not-registered'", error.Message);
        Assert.Contains("'binary'", error.Message);
        Assert.NotNull(error.Silo);
    }

    [Fact]
    public async Task ASearchSpaceThatDiffersFromTheSilosStopsTheRun()
    {
        var changed = new SearchDefinition<MlpBinaryTrainer.Options>("binary", () => new MlpBinaryTrainer.Options(),
            (ml, o) => ml.BinaryClassification.Trainers.Mlp(o),
            new SearchSpace<MlpBinaryTrainer.Options>().LogUniform("LearningRate", 1e-3, 0.5, (o, v) => o.LearningRate = (float)v));
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.BinaryClassification, _cluster.Data.Binary);

        var error = await Assert.ThrowsAsync<ClusterWorkerException>(() =>
            new ClusterHyperparameterSearch<MlpBinaryTrainer.Options>(_cluster.Client, changed, objective).RandomSearchAsync(1));

        Assert.Contains("differs between the client and silo", error.Message);
        Assert.Contains("[0.001, 0.5]", error.Message);
    }

    [Fact]
    public async Task AFileTheSilosCannotReadStopsTheRunNamingIt()
    {
        var missing = ClusterDataSource.Binary(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "data.idv"));
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.BinaryClassification, missing);

        var error = await Assert.ThrowsAsync<ClusterWorkerException>(() =>
            new ClusterHyperparameterSearch<MlpBinaryTrainer.Options>(_cluster.Client, Definitions.BinarySearch(), objective).RandomSearchAsync(1));

        Assert.Contains(missing.Path, error.Message);
    }

    [Fact]
    public async Task AProgressCallbackThatThrowsEndsTheRunWithItsException()
    {
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.BinaryClassification, _cluster.Data.Binary, numberOfFolds: 3);
        var progress = new RecordingProgress
        {
            OnReport = r =>
            {
                if (r.Event.Kind == ClusterRunEventKind.Finished)
                    throw new InvalidDataException("the progress display broke");
            },
        };
        var search = new ClusterHyperparameterSearch<MlpBinaryTrainer.Options>(_cluster.Client, Definitions.BinarySearch(), objective, WorkerCluster.RunOptions(progress));

        // A guard against a hang (the failure this test is about), not a timing.
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => search.RandomSearchAsync(8, seed: 2).WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.Equal("the progress display broke", error.Message);
    }

    [Fact]
    public async Task CancellingStopsTheWholeRun()
    {
        using var cancellation = new CancellationTokenSource();
        // Cancelled while the first trial to end is being reported: nothing can end after it, and no slot takes another.
        var progress = new RecordingProgress
        {
            OnReport = r =>
            {
                if (r.Event.Kind is ClusterRunEventKind.Finished or ClusterRunEventKind.Failed)
                    cancellation.Cancel();
            },
        };
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.BinaryClassification, _cluster.Data.Binary, numberOfFolds: 3);
        var search = new ClusterHyperparameterSearch<MlpBinaryTrainer.Options>(_cluster.Client, Definitions.BinarySearch(), objective, WorkerCluster.RunOptions(progress));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => search.RandomSearchAsync(60, seed: 1, cancellationToken: cancellation.Token));

        Assert.Single(progress.Events(ClusterRunEventKind.Finished).Concat(progress.Events(ClusterRunEventKind.Failed)));
        // Three silos run two trials each at once: a slot starts its next trial only after its last one ended.
        Assert.InRange(progress.Events(ClusterRunEventKind.Started).Count(), 1, 6);
        // The silos dropped every trial of the run: those still training and those that ended after the cancellation.
        await _cluster.NoSiloHoldsAUnitAsync();
    }
}
