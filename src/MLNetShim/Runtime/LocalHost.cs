namespace Microsoft.ML.Runtime;

/// <summary>
/// The shim's <see cref="IHost"/>: a named scope with its own seeded <see cref="Random"/> whose channels
/// forward messages to the owning MLContext's Log event.
/// </summary>
internal sealed class LocalHost : IHost
{
    private readonly Action<string, ChannelMessage> _sink;

    internal LocalHost(string fullName, int? seed, Action<string, ChannelMessage> sink, ComponentCatalog catalog)
    {
        FullName = fullName;
        // Unseeded hosts are still deterministic per call site only if the caller seeds; otherwise time-based.
        Rand = seed.HasValue ? new Random(seed.Value) : new Random();
        _sink = sink;
        ComponentCatalog = catalog;
    }

    internal string FullName { get; }

    public Random Rand { get; }

    public ComponentCatalog ComponentCatalog { get; }

    public string ContextDescription => FullName;

    public TException Process<TException>(TException ex)
        where TException : Exception => ex;

    public IHost Register(string name, int? seed = null, bool? verbose = null)
        => new LocalHost(Qualify(name), seed ?? Rand.Next(), _sink, ComponentCatalog);

    public IChannel Start(string name) => new LocalChannel(Qualify(name), _sink);

    public IPipe<TMessage> StartPipe<TMessage>(string name) => new DiscardingPipe<TMessage>(Qualify(name));

    public IProgressChannel StartProgressChannel(string name) => new DiscardingProgressChannel();

    private string Qualify(string name) => string.IsNullOrEmpty(FullName) ? name : $"{FullName}; {name}";
}
