using System.Diagnostics;
using Microsoft.ML;
using MLExtensions.Engine.Training;

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
    private readonly Func<TOptions, IEstimator<ITransformer>> _createEstimator;
    private readonly SearchSpace<TOptions> _space;
    private readonly SearchObjective _objective;

    public HyperparameterSearch(Func<TOptions> createOptions, Func<TOptions, IEstimator<ITransformer>> createEstimator,
        SearchSpace<TOptions> space, SearchObjective objective)
    {
        _createOptions = createOptions ?? throw new ArgumentNullException(nameof(createOptions));
        _createEstimator = createEstimator ?? throw new ArgumentNullException(nameof(createEstimator));
        _space = space ?? throw new ArgumentNullException(nameof(space));
        _objective = objective ?? throw new ArgumentNullException(nameof(objective));
        if (space.Parameters.Count == 0)
            throw new ArgumentException("The search space has no parameters.", nameof(space));
    }

    /// <summary>
    /// <paramref name="numberOfTrials"/> random trials, then <paramref name="refinementRounds"/> coarse-to-fine rounds: each
    /// narrows every range to where the best <paramref name="refineAroundBest"/> trials so far lie (at most half its width,
    /// around the best) and samples <paramref name="trialsPerRefinement"/> more.
    /// </summary>
    public SearchResult<TOptions> RandomSearch(int numberOfTrials, int? seed = null, int refinementRounds = 0,
        int? trialsPerRefinement = null, int refineAroundBest = 3)
    {
        if (numberOfTrials < 1)
            throw new ArgumentOutOfRangeException(nameof(numberOfTrials), $"A search needs at least one trial; numberOfTrials is {numberOfTrials}.");
        if (refinementRounds < 0)
            throw new ArgumentOutOfRangeException(nameof(refinementRounds), $"refinementRounds must be ≥ 0; it is {refinementRounds}.");
        if (refineAroundBest < 1)
            throw new ArgumentOutOfRangeException(nameof(refineAroundBest), $"refineAroundBest must be ≥ 1; it is {refineAroundBest}.");
        int perRound = trialsPerRefinement ?? numberOfTrials;
        if (perRound < 1)
            throw new ArgumentOutOfRangeException(nameof(trialsPerRefinement), $"trialsPerRefinement must be ≥ 1; it is {perRound}.");

        var random = new Random(seed ?? 0);
        var trials = new List<SearchTrial>();
        var space = _space;
        for (int round = 0; round <= refinementRounds; round++)
        {
            if (round > 0)
            {
                var good = Ranked(trials).Where(t => t.Status == TrialStatus.Completed).Take(refineAroundBest).ToArray();
                if (good.Length == 0)
                    break;
                space = space.With(space.Parameters.Select(p => p.Narrow(good[0].Values[p.Name], good.Select(t => t.Values[p.Name]).ToArray())));
            }
            for (int i = 0; i < (round == 0 ? numberOfTrials : perRound); i++)
            {
                var values = space.Parameters.ToDictionary(p => p.Name, p => p.Sample(random));
                trials.Add(RunTrial(trials.Count + 1, round, values));
            }
        }
        return new SearchResult<TOptions>(Ranked(trials), _objective, _space, _createOptions);
    }

    /// <summary>Every combination of <paramref name="pointsPerRange"/> evenly spaced values per numeric range (log-spaced for
    /// log-uniform ones, every integer if fewer) and every choice; the first parameter varies slowest.</summary>
    public SearchResult<TOptions> GridSearch(int pointsPerRange = 3)
    {
        if (pointsPerRange < 1)
            throw new ArgumentOutOfRangeException(nameof(pointsPerRange), $"pointsPerRange must be ≥ 1; it is {pointsPerRange}.");
        IEnumerable<Dictionary<string, object>> combinations = new[] { new Dictionary<string, object>() };
        foreach (var parameter in _space.Parameters)
        {
            var grid = parameter.Grid(pointsPerRange);
            combinations = combinations.SelectMany(c => grid.Select(v => new Dictionary<string, object>(c) { [parameter.Name] = v })).ToArray();
        }
        var trials = combinations.Select((values, i) => RunTrial(i + 1, 0, values)).ToList();
        return new SearchResult<TOptions>(Ranked(trials), _objective, _space, _createOptions);
    }

    private SearchTrial RunTrial(int number, int round, IReadOnlyDictionary<string, object> values)
    {
        var clock = Stopwatch.StartNew();
        var options = _createOptions() ?? throw new InvalidOperationException("createOptions returned null.");
        if (ReferenceEquals(options, _lastOptions))
            throw new InvalidOperationException("createOptions returned the same object twice; it must return new options for every trial, which the trial then changes.");
        _lastOptions = options;
        foreach (var parameter in _space.Parameters)
            parameter.Apply(options, values[parameter.Name]);
        var check = new DivergedTrialCheck();
        try
        {
            var estimator = _createEstimator(options) ?? throw new InvalidOperationException("createEstimator returned null.");
            var scores = _objective.Score(check.Wrap(estimator));
            var summary = MetricSummary.Of(_objective.MetricName, scores);
            return new SearchTrial(number, round, values, summary.Mean, summary.StandardDeviation, TrialStatus.Completed, null, check.EpochsRun, clock.Elapsed);
        }
        catch (Exception e) when (e is TrialDivergedException or TrainingDivergedException)
        {
            return new SearchTrial(number, round, values, double.NaN, double.NaN, TrialStatus.Diverged, e.Message, check.EpochsRun, clock.Elapsed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new SearchTrial(number, round, values, double.NaN, double.NaN, TrialStatus.Failed, e.Message, check.EpochsRun, clock.Elapsed);
        }
    }

    private TOptions? _lastOptions;

    private List<SearchTrial> Ranked(IEnumerable<SearchTrial> trials) => trials
        .OrderBy(t => t.Status == TrialStatus.Completed && !double.IsNaN(t.Score) ? 0 : 1)
        .ThenBy(t => double.IsNaN(t.Score) ? 0 : _objective.Maximize ? -t.Score : t.Score)
        .ThenBy(t => t.Number)
        .ToList();
}
