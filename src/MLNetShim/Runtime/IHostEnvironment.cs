namespace Microsoft.ML.Runtime;

/// <summary>What components receive instead of MLContext: hosts (seeded randomness) and channels (logging).</summary>
public interface IHostEnvironment : IChannelProvider, IProgressChannelProvider
{
    IHost Register(string name, int? seed = null, bool? verbose = null);

    ComponentCatalog ComponentCatalog { get; }
}
