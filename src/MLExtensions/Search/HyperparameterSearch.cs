using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// Random and grid search over trainer options. Each trial gets new options from <c>createOptions</c> (which must return a
/// new object every call), applies its values, builds the estimator with <c>createEstimator</c> and scores it with the
/// <see cref="SearchObjective"/>. Trials run one after another, so a seed fixes the whole search. A trial whose MLP stops
/// as diverged (its options' <c>DivergenceFactor</c>, 3 by default, was exceeded, or a loss became NaN) is marked
/// <see cref="TrialStatus.Diverged"/> and its remaining folds are skipped. A trial whose estimator throws (invalid options
/// included) is marked <see cref="TrialStatus.Failed"/>; a parameter's setter that throws ends the search instead, as a
/// mistake in the search space.
/// </summary>
public sealed class HyperparameterSearch<TOptions>
    where TOptions : class
{
    private readonly Func<TOptions> _createOptions;
    private readonly SearchSpace<TOptions> _space;
    private readonly SearchObjective _objective;
    private readonly SearchTrialRunner<TOptions> _runner;

    /// <summary>A search over <paramref name="space"/>, scored by <paramref name="objective"/>.</summary>
    /// <param name="createOptions">Returns new options, with every setting the search does not vary, on each call; returning
    /// the same object twice fails the search.</param>
    /// <param name="createEstimator">Builds the estimator (a trainer or a whole pipeline) from a trial's options.</param>
    /// <param name="space">The hyperparameters to vary: at least one.</param>
    /// <param name="objective">How each trial is scored.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="space"/> has no parameters.</exception>
    public HyperparameterSearch(Func<TOptions> createOptions, Func<TOptions, IEstimator<ITransformer>> createEstimator,
        SearchSpace<TOptions> space, SearchObjective objective)
    {
        _createOptions = createOptions ?? throw new ArgumentNullException(nameof(createOptions));
        ArgumentNullException.ThrowIfNull(createEstimator);
        _space = space ?? throw new ArgumentNullException(nameof(space));
        _objective = objective ?? throw new ArgumentNullException(nameof(objective));
        CheckSpace(space);
        _runner = new SearchTrialRunner<TOptions>(createOptions, createEstimator, space);
    }

    /// <summary>
    /// <paramref name="numberOfTrials"/> random trials, then <paramref name="refinementRounds"/> coarse-to-fine rounds: each
    /// narrows every range to where the best <paramref name="refineAroundBest"/> trials so far lie (at most half its width,
    /// around the best) and samples <paramref name="trialsPerRefinement"/> more.
    /// </summary>
    /// <param name="numberOfTrials">Random trials of the first round; at least 1.</param>
    /// <param name="seed">Seed of the sampling; null means 0.</param>
    /// <param name="refinementRounds">Coarse-to-fine rounds after the first; at least 0, default 0.</param>
    /// <param name="trialsPerRefinement">Trials per refinement round, at least 1; null means <paramref name="numberOfTrials"/>.</param>
    /// <param name="refineAroundBest">How many of the best trials so far each refinement narrows the ranges to; at least 1, default 3.</param>
    /// <returns>Every trial, best first.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    /// <exception cref="InvalidOperationException">The options creator returned null or the same object twice, or a
    /// parameter's setter threw (the message names the parameter and value; the search stops there).</exception>
    public SearchResult<TOptions> RandomSearch(int numberOfTrials, int? seed = null, int refinementRounds = 0,
        int? trialsPerRefinement = null, int refineAroundBest = 3)
    {
        var rounds = new RandomSearchRounds<TOptions>(_space, _objective, numberOfTrials, seed, refinementRounds, trialsPerRefinement, refineAroundBest);
        var trials = new List<SearchTrial>();
        while (rounds.Next(trials) is { } round)
        {
            foreach (var values in round)
                trials.Add(_runner.Run(trials.Count + 1, rounds.Round, values, _objective));
        }
        return new SearchResult<TOptions>(_objective.Rank(trials), _objective, _space, _createOptions);
    }

    /// <summary>Also what a search definition for a cluster checks when it is made.</summary>
    internal static void CheckSpace(SearchSpace<TOptions> space)
    {
        if (space.Parameters.Count == 0)
            throw new ArgumentException("The search space has no parameters.", nameof(space));
    }

    /// <summary>Every combination of <paramref name="pointsPerRange"/> evenly spaced values per numeric range (log-spaced for
    /// log-uniform ones, every integer if fewer) and every choice; the first parameter varies slowest.</summary>
    /// <param name="pointsPerRange">Values per numeric range; at least 1, default 3.</param>
    /// <returns>Every trial, best first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pointsPerRange"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">The options creator returned null or the same object twice, or a
    /// parameter's setter threw (the message names the parameter and value; the search stops there).</exception>
    public SearchResult<TOptions> GridSearch(int pointsPerRange = 3)
    {
        var trials = _space.GridCombinations(pointsPerRange).Select((values, i) => _runner.Run(i + 1, 0, values, _objective)).ToList();
        return new SearchResult<TOptions>(_objective.Rank(trials), _objective, _space, _createOptions);
    }
}
