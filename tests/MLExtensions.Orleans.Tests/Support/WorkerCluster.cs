using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace MLExtensions.Distributed.Tests.Support;

/// <summary>
/// An in-process Orleans cluster of silos that run MLExtensions workers (each with its own <see cref="TrialGate"/>-aware
/// copy of <see cref="Definitions"/>, two units at a time) and a client, plus the data files they read.
/// </summary>
public sealed class WorkerCluster : IAsyncDisposable
{
    private WorkerCluster(InProcessTestCluster cluster, TestData data, TrialGate gate)
    {
        Cluster = cluster;
        Data = data;
        Gate = gate;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public TestData Data { get; }

    public TrialGate Gate { get; }

    public static async Task<WorkerCluster> StartAsync(short silos = 3, int unitsPerSilo = 2)
    {
        var data = new TestData();
        var gate = new TrialGate();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((options, silo) =>
            silo.AddMLExtensionsWorkers(d => Definitions.Register(d, gate, options.SiloName), o => o.ConcurrentUnits = unitsPerSilo));
        // Polls are short, so a call lost with a silo is noticed within seconds, not the default 30.
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(8)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new WorkerCluster(cluster, data, gate);
    }

    /// <summary>Run options with short polls and every report kept.</summary>
    public static ClusterRunOptions RunOptions(RecordingProgress progress) => new()
    {
        Progress = progress,
        PollInterval = TimeSpan.FromSeconds(1),
        MaxAttemptsPerUnit = 5,
    };

    /// <summary>Waits until no active silo's runner holds a unit (training, queued or uncollected). Units leave a runner only
    /// when their client collects them or cancels their run, so this shows that cancellation reached every silo.</summary>
    public async Task NoSiloHoldsAUnitAsync()
    {
        // A guard against a hang, not a timing: the one-way cancellations arrive within milliseconds.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (UnitsHeld() is var held && held > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The silos still hold {held} units.");
            await Task.Delay(10);
        }
    }

    private int UnitsHeld() => Cluster.GetActiveSilos().OfType<InProcessSiloHandle>()
        .Sum(silo => silo.ServiceProvider.GetRequiredService<UnitRunner>().UnitCount);

    public async ValueTask DisposeAsync()
    {
        Gate.Release();
        await Cluster.DisposeAsync();
        Data.Dispose();
    }
}

/// <summary>One cluster shared by the test classes that leave it as they found it.</summary>
public sealed class SharedCluster : IAsyncLifetime
{
    public WorkerCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await WorkerCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<SharedCluster>
{
    public const string Name = "Orleans cluster";
}
