namespace MLExtensions.Distributed;

/// <summary>
/// <see cref="HyperparameterSearch{TOptions}"/> on an Orleans cluster: the same random (coarse-to-fine) and grid searches,
/// the same <see cref="SearchResult{TOptions}"/>, with every trial of a round running at once on the silos. The values are
/// drawn here exactly as the local search draws them, and each trial runs on a silo with the local search's own code on
/// the silo's copy of the data, so for the same seed every trial's score, status, message and epochs equal
/// <see cref="SearchDefinition{TOptions}.ToLocalSearch"/>'s, whatever the number of silos, the order trials finish in, or
/// the silos lost on the way. Trials' <see cref="SearchTrial.Duration"/> is their time on their silo.
/// </summary>
/// <typeparam name="TOptions">The trainer options the search varies.</typeparam>
public sealed class ClusterHyperparameterSearch<TOptions>
    where TOptions : class
{
    private readonly IClusterClient _client;
    private readonly SearchDefinition<TOptions> _definition;
    private readonly ClusterSearchObjective _objective;
    private readonly ClusterRunOptions? _runOptions;

    /// <summary>Prepares a search; nothing is sent to the cluster until a search method runs.</summary>
    /// <param name="client">A client of the cluster, whose silos run <c>AddMLExtensionsWorkers</c> with <paramref name="definition"/> registered.</param>
    /// <param name="definition">What the search varies and how it builds a trial's estimator; the same definition the silos registered.</param>
    /// <param name="objective">How each trial is scored, on data every silo reads for itself.</param>
    /// <param name="runOptions">How runs poll, retry and report progress; null is the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/>, <paramref name="definition"/> or <paramref name="objective"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A field of <paramref name="runOptions"/> is out of range.</exception>
    public ClusterHyperparameterSearch(IClusterClient client, SearchDefinition<TOptions> definition, ClusterSearchObjective objective,
        ClusterRunOptions? runOptions = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _definition = definition ?? throw new ArgumentNullException(nameof(definition));
        _objective = objective ?? throw new ArgumentNullException(nameof(objective));
        runOptions?.Check();
        _runOptions = runOptions;
    }

    /// <summary>As <see cref="HyperparameterSearch{TOptions}.RandomSearch"/>: each round's trials run side by side, and a
    /// refinement round starts when the round before it has finished.</summary>
    /// <param name="numberOfTrials">Random trials of the first round, at least 1.</param>
    /// <param name="seed">Seeds the values drawn; null means 0. The values are drawn here, so they do not depend on the silos.</param>
    /// <param name="refinementRounds">Coarse-to-fine rounds after the first, at least 0. Default 0.</param>
    /// <param name="trialsPerRefinement">Trials of each refinement round, at least 1; null means <paramref name="numberOfTrials"/>.</param>
    /// <param name="refineAroundBest">How many of the best trials so far each refinement narrows the ranges around, at least 1. Default 3.</param>
    /// <param name="cancellationToken">Cancels the search: the returned task is cancelled and the silos drop its trials.</param>
    /// <returns>Every trial, best first, with the best options.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of its range.</exception>
    /// <exception cref="ClusterWorkerException">A silo could not run a trial at all (the definition is missing there or
    /// differs from this one, its data cannot be read or differs from the other silos'), a trial was lost too often, or no
    /// silo runs MLExtensions workers. A trial that fails or diverges is not an exception: it is a trial of that status.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
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
    /// <param name="pointsPerRange">Evenly spaced values per numeric range (log-spaced for log-uniform ones, every integer
    /// if fewer), at least 1. Default 3.</param>
    /// <param name="cancellationToken">Cancels the search: the returned task is cancelled and the silos drop its trials.</param>
    /// <returns>Every trial, best first, with the best options.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pointsPerRange"/> is less than 1.</exception>
    /// <exception cref="ClusterWorkerException">A silo could not run a trial at all (the definition is missing there or
    /// differs from this one, its data cannot be read or differs from the other silos'), a trial was lost too often, or no
    /// silo runs MLExtensions workers. A trial that fails or diverges is not an exception: it is a trial of that status.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
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
