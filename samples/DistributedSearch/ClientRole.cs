using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using MLExtensions;
using MLExtensions.Distributed;
using MLExtensions.Trainers;
using Orleans.Runtime;

namespace DistributedSearch;

/// <summary>
/// Writes the data, runs the spirals search here (the local search, one trial after another), then the same search on the
/// cluster, and prints both, whether every trial is identical, and the speed-up.
/// </summary>
internal static class ClientRole
{
    public static async Task<int> RunAsync(string dataPath, int silos, int trials, int pointsPerArm)
    {
        dataPath = Path.GetFullPath(dataPath);
        SpiralsSearch.WriteData(dataPath, pointsPerArm);
        var data = ClusterDataSource.Binary(dataPath);
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.BinaryClassification, data, numberOfFolds: 3, seed: 1);
        Console.WriteLine($"data: {dataPath} ({2 * pointsPerArm} rows); search: {trials} random trials, {objective.Description}");

        Console.WriteLine("local search (this process, one trial at a time)...");
        var clock = Stopwatch.StartNew();
        var local = SpiralsSearch.Definition.ToLocalSearch(objective.ToLocal(new MLContext(seed: 0))).RandomSearch(trials, seed: 42);
        var localTime = clock.Elapsed;
        Console.WriteLine($"local search: {localTime.TotalSeconds:F1} s");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        int[] gateways = Enumerable.Range(0, silos).Select(i => Ports.GatewayBase + i).ToArray();
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(gateways, serviceId: "mlextensions-sample", clusterId: "localhost")
            .UseConnectionRetryFilter(RetryWhileSilosStart));
        using var host = builder.Build();
        await host.StartAsync();
        var cluster = host.Services.GetRequiredService<IClusterClient>();
        await WaitForSilosAsync(cluster, silos);

        Console.WriteLine($"cluster search ({silos} silos)...");
        clock.Restart();
        // Ctrl-C stops the host, and with it the search: the silos drop the run's trials.
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        SearchResult<MlpBinaryTrainer.Options> distributed;
        try
        {
            distributed = await new ClusterHyperparameterSearch<MlpBinaryTrainer.Options>(cluster, SpiralsSearch.Definition, objective,
                new ClusterRunOptions { Progress = new ConsoleProgress() }).RandomSearchAsync(trials, seed: 42, cancellationToken: stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Console.WriteLine("cluster search cancelled");
            await host.StopAsync();
            return 130;
        }
        var clusterTime = clock.Elapsed;
        Console.WriteLine($"cluster search: {clusterTime.TotalSeconds:F1} s");
        Console.WriteLine();
        Console.WriteLine(distributed);

        var differences = Differences(local, distributed).ToList();
        foreach (var difference in differences)
            Console.WriteLine("DIFFERENT: " + difference);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT local {localTime.TotalSeconds:F1} s, cluster {clusterTime.TotalSeconds:F1} s on {silos} silos: speed-up {localTime / clusterTime:F2}x; " +
            $"{trials} trials identical: {(differences.Count == 0 ? "yes" : "NO")}"));
        await host.StopAsync();
        return differences.Count == 0 ? 0 : 1;
    }

    private static int _connectAttempts;

    private static async Task<bool> RetryWhileSilosStart(Exception exception, CancellationToken cancellationToken)
    {
        if (++_connectAttempts > 60)
            return false;
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return true;
    }

    private static async Task WaitForSilosAsync(IClusterClient client, int silos)
    {
        var management = client.GetGrain<IManagementGrain>(0);
        for (int attempt = 0; attempt < 60; attempt++)
        {
            int active = (await management.GetHosts(onlyActive: true)).Count;
            if (active >= silos)
                return;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new TimeoutException($"Fewer than {silos} silos joined the cluster within a minute.");
    }

    /// <summary>Every way the cluster's trials differ from the local ones: values, scores to the bit, status, message, epochs.</summary>
    private static IEnumerable<string> Differences(SearchResult<MlpBinaryTrainer.Options> local, SearchResult<MlpBinaryTrainer.Options> cluster)
    {
        if (local.Trials.Count != cluster.Trials.Count)
            yield return $"{local.Trials.Count} local trials, {cluster.Trials.Count} on the cluster";
        foreach (var (l, c) in local.Trials.Zip(cluster.Trials))
        {
            bool same = l.Number == c.Number && l.Round == c.Round
                && BitConverter.DoubleToInt64Bits(l.Score) == BitConverter.DoubleToInt64Bits(c.Score)
                && BitConverter.DoubleToInt64Bits(l.ScoreStandardDeviation) == BitConverter.DoubleToInt64Bits(c.ScoreStandardDeviation)
                && l.Status == c.Status && l.Message == c.Message && l.EpochsRun == c.EpochsRun
                && l.Values.All(v => ReferenceEquals(v.Value, c.Values[v.Key]) || Equals(v.Value, c.Values[v.Key]));
            if (!same)
                yield return $"trial {l.Number}: local {l.Score:R} ({l.Status}), cluster trial {c.Number} {c.Score:R} ({c.Status})";
        }
    }

    private sealed class ConsoleProgress : IProgress<ClusterRunProgress>
    {
        public void Report(ClusterRunProgress value)
        {
            if (value.Event.Kind != ClusterRunEventKind.Started)
                Console.WriteLine("  " + value);
        }
    }
}
