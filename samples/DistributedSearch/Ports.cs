using System.Globalization;

namespace DistributedSearch;

/// <summary>The localhost ports: silo N listens for silos on SiloBase + N and for clients on GatewayBase + N; silo 0 is the
/// primary the others join. DISTRIBUTED_SEARCH_SILO_PORT and DISTRIBUTED_SEARCH_GATEWAY_PORT move the bases.</summary>
internal static class Ports
{
    public static int SiloBase { get; } = FromEnvironment("DISTRIBUTED_SEARCH_SILO_PORT", 22110);

    public static int GatewayBase { get; } = FromEnvironment("DISTRIBUTED_SEARCH_GATEWAY_PORT", 22120);

    private static int FromEnvironment(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
