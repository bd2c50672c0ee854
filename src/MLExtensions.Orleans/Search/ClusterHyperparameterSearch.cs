namespace MLExtensions.Distributed;

/// <summary>
/// <see cref="HyperparameterSearch{TOptions}"/> on an Orleans cluster: the same random (coarse-to-fine) and grid searches,
/// the same <see cref="SearchResult{TOptions}"/>, with every trial of a round running at once on the silos. The values are
/// drawn here exactly as the local search draws them, and each trial runs on a silo with the local search's own code on
/// the silo's copy of the data, so for the same seed every trial's score, status, message and epochs equal
/// <see cref="SearchDefinition{TOptions}.ToLocalSearch"/>'s, whatever the number of silos, the order trials finish in, or
/// the silos lost on the way. Trials' <see cref="SearchTrial.Duration"/> is their time on their silo.
/// </summary>
public sealed class ClusterHyperparameterSearch<TOptions>
    where TOptions : class
{
    private readonly IClusterClient _client;
    private readonly SearchDefinition<TOptions> _definition;
    private readonly ClusterSearchObjective _objective;
    private readonly ClusterRunOptions? _runOptions;

    /// <param name="client">A client of the cluster, whose silos run <c>AddMLExtensionsWorkers</c> with <paramref name="definition"/> registered.</param>
    public ClusterHyperparameterSearch(IClusterClient client, SearchDefinition<TOptions> definition, ClusterSearchObjective objective,
        ClusterRunOptions? runOptions = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _definition = definition ?? throw new ArgumentNullException(nameof(definition));
        _objective = objective ?? throw new ArgumentNullException(nameof(objective));
        runOptions?.Check();
        _runOptions = runOptions;
    }

    /// <summary>As <see cref="HyperparameterSearch{TOptions}.RandomSearch"/>: each round's trials run side by side.</summary>
    public async Task<SearchResult<TOptions>> RandomSearchAsync(int numberOfTrials, int? seed = null, int refinementRounds = 0,
        int? trialsPerRefinement = null, int refineAroundBest = 3, CancellationToken cancellationToken = default)
    {
        var objective = _objective.Described();
        var rounds = new RandomSearchRounds<TOptions>(_definition.Space, objective, numberOfTrials, seed, refinementRounds, trialsPerRefinement, refineAroundBest);
        var dispatcher = new ClusterDispatcher(_client, _runOptions);
        var trials = new List<SearchTrial>();
        while (rounds.Next(trials) is { } round)
            trials.AddRange(await RunRoundAsync(dispatcher, trials.Count + 1, rounds.Round, round, cancellationToken).ConfigureAwait(false));
        return new SearchResult<TOptions>(objective.Rank(trials), objective, _definition.Space, _definition.CreateOptions);
    }

    /// <summary>As <see cref="HyperparameterSearch{TOptions}.GridSearch"/>: every combination runs side by side.</summary>
    public async Task<SearchResult<TOptions>> GridSearchAsync(int pointsPerRange = 3, CancellationToken cancellationToken = default)
    {
        var objective = _objective.Described();
        var combinations = _definition.Space.GridCombinations(pointsPerRange);
        var dispatcher = new ClusterDispatcher(_client, _runOptions);
        var trials = await RunRoundAsync(dispatcher, 1, 0, combinations, cancellationToken).ConfigureAwait(false);
        return new SearchResult<TOptions>(objective.Rank(trials), objective, _definition.Space, _definition.CreateOptions);
    }

    private async Task<IReadOnlyList<SearchTrial>> RunRoundAsync(ClusterDispatcher dispatcher, int firstNumber, int round,
        IReadOnlyList<IReadOnlyDictionary<string, object>> values, CancellationToken cancellationToken)
    {
        var units = values.Select((v, i) => new SearchTrialUnit
        {
            Definition = _definition.Name,
            DefinitionDescription = _definition.Description,
            Number = firstNumber + i,
            Round = round,
            ValueCodes = _definition.Encode(v),
            Objective = _objective,
        }).ToArray();
        var outcomes = await dispatcher.RunAsync<SearchTrialOutcome>(units, cancellationToken).ConfigureAwait(false);
        return outcomes.Select((o, i) => o.ToTrial(units[i].Number, round, values[i])).ToArray();
    }
}
