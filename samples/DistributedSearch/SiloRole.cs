using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MLExtensions.Distributed;

namespace DistributedSearch;

/// <summary>A silo on localhost that runs the spirals search's trials, <c>slots</c> at a time, until it is stopped.</summary>
internal static class SiloRole
{
    public static async Task RunAsync(int index, int slots)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(Ports.SiloBase + index, Ports.GatewayBase + index,
                index == 0 ? null : new IPEndPoint(IPAddress.Loopback, Ports.SiloBase), serviceId: "mlextensions-sample", clusterId: "localhost")
            .AddMLExtensionsWorkers(definitions => definitions.Add(SpiralsSearch.Definition), options => options.ConcurrentUnits = slots));
        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine($"silo {index} up: silo port {Ports.SiloBase + index}, gateway port {Ports.GatewayBase + index}, {slots} trial(s) at a time");
        await host.WaitForShutdownAsync();
    }
}
