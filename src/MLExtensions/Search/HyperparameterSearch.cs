using Microsoft.ML;

namespace MLExtensions;

/// <summary>
/// Random and grid search over trainer options. Each trial gets new options from <c>createOptions</c> (which must return a
/// new object every call), applies its values, builds the estimator with <c>createEstimator</c> and scores it with the
/// <see cref="SearchObjective"/>. Trials run one after another, so a seed fixes the whole search. A trial whose MLP stops
/// as diverged (its options' <c>DivergenceFactor</c>, 3 by default, was exceeded, or a loss became NaN) is marked
/// <see cref="TrialStatus.Diverged"/> and its remaining folds are skipped.
/// </summary>
public sealed class HyperparameterSearch<TOptions>
    where TOptions : class
{
    private readonly Func<TOptions> _createOptions;
    private readonly SearchSpace<TOptions> _space;
    private readonly SearchObjective _objective;
    private readonly SearchTrialRunner<TOptions> _runner;

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
    public SearchResult<TOptions> GridSearch(int pointsPerRange = 3)
    {
        var trials = _space.GridCombinations(pointsPerRange).Select((values, i) => _runner.Run(i + 1, 0, values, _objective)).ToList();
        return new SearchResult<TOptions>(_objective.Rank(trials), _objective, _space, _createOptions);
    }
}
