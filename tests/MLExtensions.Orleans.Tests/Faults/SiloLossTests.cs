using Microsoft.ML;
using MLExtensions.Distributed.Tests.Support;
using MLExtensions.Trainers;
using Orleans.TestingHost;

namespace MLExtensions.Distributed.Tests.Faults;

/// <summary>
/// A silo goes away while it trains a trial: the first fit of the gated search is held on its silo, that silo is stopped
/// (or killed), and only then is the fit let go. Each test has a cluster of its own, since it loses a silo.
/// </summary>
public class SiloLossTests : IAsyncLifetime
{
    private WorkerCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await WorkerCluster.StartAsync(silos: 3, unitsPerSilo: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public Task StoppingTheSiloOfARunningTrialChangesNoResult() => LoseASiloMidTrial((cluster, silo) => cluster.StopSiloAsync(silo));

    [Fact]
    public Task KillingTheSiloOfARunningTrialChangesNoResult() => LoseASiloMidTrial((cluster, silo) => cluster.KillSiloAsync(silo));

    private async Task LoseASiloMidTrial(Func<InProcessTestCluster, InProcessSiloHandle, Task> lose)
    {
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.BinaryClassification, _cluster.Data.Binary, numberOfFolds: 3, seed: 4);
        var progress = new RecordingProgress();
        var search = new ClusterHyperparameterSearch<MlpBinaryTrainer.Options>(_cluster.Client,
            Definitions.BinarySearch(_cluster.Gate, "client"), objective, WorkerCluster.RunOptions(progress));

        var run = search.RandomSearchAsync(9, seed: 21);
        // A guard against a hang, not a timing: the gate is reached as soon as the first trial starts training.
        string held = await _cluster.Gate.Entered.WaitAsync(TimeSpan.FromMinutes(2));
        var silo = _cluster.Cluster.GetActiveSilos().Single(s => s.Name == held);
        string lost = silo.SiloAddress.ToParsableString();
        await lose(_cluster.Cluster, silo);
        _cluster.Gate.Release();
        var cluster = await run;

        var local = Definitions.BinarySearch().ToLocalSearch(objective.ToLocal(new MLContext(seed: 0))).RandomSearch(9, seed: 21);
        Same.Trials(local.Trials, cluster.Trials);
        Assert.Contains(progress.Events(ClusterRunEventKind.SiloLeft), e => e.Silo == lost);
        var retried = Assert.Single(progress.Events(ClusterRunEventKind.Lost), e => e.Silo == lost);
        // The held trial finished elsewhere.
        Assert.Contains(progress.Events(ClusterRunEventKind.Finished), e => e.Unit == retried.Unit && e.Silo != lost);
        Assert.DoesNotContain(progress.Events(ClusterRunEventKind.Finished), e => e.Silo == lost && e.Unit == retried.Unit);
        Assert.True(progress.Reports[^1].Retried >= 1);
    }
}
