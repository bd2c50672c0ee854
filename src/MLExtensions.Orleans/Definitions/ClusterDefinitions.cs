namespace MLExtensions.Distributed;

/// <summary>
/// The searches and estimators a silo can run, by name: filled once when the silo is built
/// (<c>siloBuilder.AddMLExtensionsWorkers(d =&gt; d.Add(search).Add(pipeline))</c>). Every silo of a cluster should register
/// the same definitions; a silo asked for one it lacks stops the run with a message naming what it has.
/// </summary>
public sealed class ClusterDefinitions
{
    private readonly Dictionary<string, ISearchDefinition> _searches = new();
    private readonly Dictionary<string, EstimatorDefinition> _estimators = new();

    /// <summary>Registers a search definition under its <see cref="SearchDefinition{TOptions}.Name"/>.</summary>
    /// <typeparam name="TOptions">The trainer options the search varies.</typeparam>
    /// <param name="definition">The search definition; the client gives the same one to <see cref="ClusterHyperparameterSearch{TOptions}"/>.</param>
    /// <returns>This object, to chain further registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    /// <exception cref="ArgumentException">A search definition of the same name is already registered.</exception>
    public ClusterDefinitions Add<TOptions>(SearchDefinition<TOptions> definition)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!_searches.TryAdd(definition.Name, definition))
            throw new ArgumentException($"A search definition named '{definition.Name}' is already registered.", nameof(definition));
        return this;
    }

    /// <summary>Registers an estimator definition under its <see cref="EstimatorDefinition.Name"/>; searches and estimators
    /// have separate names, so one of each may share a name.</summary>
    /// <param name="definition">The estimator definition; the client gives the same one to cross-validation and learning curves.</param>
    /// <returns>This object, to chain further registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    /// <exception cref="ArgumentException">An estimator definition of the same name is already registered.</exception>
    public ClusterDefinitions Add(EstimatorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!_estimators.TryAdd(definition.Name, definition))
            throw new ArgumentException($"An estimator definition named '{definition.Name}' is already registered.", nameof(definition));
        return this;
    }

    /// <summary>The names of the search definitions registered so far.</summary>
    public IReadOnlyCollection<string> SearchNames => _searches.Keys;

    /// <summary>The names of the estimator definitions registered so far.</summary>
    public IReadOnlyCollection<string> EstimatorNames => _estimators.Keys;

    internal ISearchDefinition Search(string name, string silo) => _searches.TryGetValue(name, out var definition)
        ? definition
        : throw new WorkerSetupException(
            $"Silo {silo} has no search definition named '{name}' (it has: {List(_searches.Keys)}). Register the same definitions on every silo " +
            "with siloBuilder.AddMLExtensionsWorkers(d => d.Add(...)).");

    internal EstimatorDefinition Estimator(string name, string silo) => _estimators.TryGetValue(name, out var definition)
        ? definition
        : throw new WorkerSetupException(
            $"Silo {silo} has no estimator definition named '{name}' (it has: {List(_estimators.Keys)}). Register the same definitions on every silo " +
            "with siloBuilder.AddMLExtensionsWorkers(d => d.Add(...)).");

    private static string List(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Select(n => $"'{n}'")) : "none";
}
