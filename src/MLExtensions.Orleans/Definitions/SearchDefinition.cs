using Microsoft.ML;
using MLExtensions.Trainers;

namespace MLExtensions.Distributed;

/// <summary>
/// What a hyperparameter search varies and how it builds a trial's estimator, under a name silos know it by: the same
/// three things a local <see cref="HyperparameterSearch{TOptions}"/> takes (an options creator, an estimator builder and
/// the search space). Delegates cannot travel between processes, so the same definition is registered on every silo
/// (<c>AddMLExtensionsWorkers(d =&gt; d.Add(definition))</c>) and given to <see cref="ClusterHyperparameterSearch{TOptions}"/>;
/// a trial travels as the definition's name, the search space's description (checked against the silo's) and one number
/// per parameter (<see cref="SearchSpace{TOptions}"/> values: the value of a range, the index of a choice).
/// <para>Each trial builds its estimator from <c>new MLContext(seed: ContextSeed)</c>, so trials with the options' Seed left
/// null still train the same way wherever they run; <see cref="ToLocalSearch"/> is the local search that does exactly what
/// the cluster does. On a silo, MLP options (<see cref="MlpTrainerOptionsBase"/>) get the run's cancellation token.</para>
/// </summary>
/// <typeparam name="TOptions">The trainer options the search varies.</typeparam>
public sealed class SearchDefinition<TOptions> : ISearchDefinition
    where TOptions : class
{
    // One runner for every trial on this silo, so its check that createOptions never returns an object twice sees them all.
    private readonly SearchTrialRunner<TOptions> _runner;

    /// <summary>Defines a search silos can run by name.</summary>
    /// <param name="name">The name silos know it by; unique among the silo's search definitions.</param>
    /// <param name="createOptions">Fresh options for every trial: a new object on each call.</param>
    /// <param name="createEstimator">Builds a trial's estimator from a context and the trial's options.</param>
    /// <param name="space">What the search varies; at least one parameter.</param>
    /// <param name="contextSeed">The seed of the <see cref="MLContext"/> each trial's estimator is built from. Default 0.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty, or <paramref name="space"/> has no parameters.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="createOptions"/>, <paramref name="createEstimator"/> or
    /// <paramref name="space"/> is null.</exception>
    public SearchDefinition(string name, Func<TOptions> createOptions, Func<MLContext, TOptions, IEstimator<ITransformer>> createEstimator,
        SearchSpace<TOptions> space, int contextSeed = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        CreateOptions = createOptions ?? throw new ArgumentNullException(nameof(createOptions));
        CreateEstimator = createEstimator ?? throw new ArgumentNullException(nameof(createEstimator));
        Space = space ?? throw new ArgumentNullException(nameof(space));
        HyperparameterSearch<TOptions>.CheckSpace(space);
        Name = name;
        ContextSeed = contextSeed;
        _runner = new SearchTrialRunner<TOptions>(createOptions, o => createEstimator(new MLContext(seed: contextSeed), o), space);
    }

    /// <summary>The name silos know it by.</summary>
    public string Name { get; }

    /// <summary>Fresh options for every trial (a new object each call); the trial writes its values into them.</summary>
    public Func<TOptions> CreateOptions { get; }

    /// <summary>Builds a trial's estimator from a context (<c>new MLContext(seed: ContextSeed)</c>) and the trial's options.</summary>
    public Func<MLContext, TOptions, IEstimator<ITransformer>> CreateEstimator { get; }

    /// <summary>What the search varies. A silo refuses a trial when its own space (with the context seed) is described
    /// otherwise than the client's.</summary>
    public SearchSpace<TOptions> Space { get; }

    /// <summary>The seed of the <see cref="MLContext"/> each trial's estimator is created from.</summary>
    public int ContextSeed { get; }

    /// <summary>The local search that runs each trial as a silo does, for comparing with a cluster run or running without one.</summary>
    /// <param name="objective">How trials are scored, on data in this process (<see cref="ClusterSearchObjective.ToLocal"/>
    /// builds the one a cluster search uses).</param>
    /// <returns>A search over <see cref="Space"/> with this definition's options and estimators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is null.</exception>
    public HyperparameterSearch<TOptions> ToLocalSearch(SearchObjective objective) =>
        new(CreateOptions, o => CreateEstimator(new MLContext(seed: ContextSeed), o), Space, objective);

    /// <summary>What a silo compares with the client's before running a trial: the space's ranges and choices and the context seed.</summary>
    internal string Description => $"{Space}; context seed {ContextSeed}";

    string ISearchDefinition.Description => Description;

    internal double[] Encode(IReadOnlyDictionary<string, object> values) =>
        Space.Parameters.Select(p => p.ToCode(values[p.Name])).ToArray();

    SearchTrial ISearchDefinition.RunTrial(int number, int round, double[] codes, SearchObjective objective, CancellationToken cancellationToken)
    {
        if (codes.Length != Space.Parameters.Count)
            throw new WorkerSetupException($"Search '{Name}': the trial has {codes.Length} values; the silo's space has {Space.Parameters.Count} parameters.");
        var values = new Dictionary<string, object>();
        for (int i = 0; i < codes.Length; i++)
            values[Space.Parameters[i].Name] = Space.Parameters[i].FromCode(codes[i]);
        return _runner.Run(number, round, values, objective, options =>
        {
            if (options is MlpTrainerOptionsBase mlp)
                mlp.CancellationToken = cancellationToken;
        });
    }
}
