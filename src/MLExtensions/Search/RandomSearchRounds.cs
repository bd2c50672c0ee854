using MLExtensions.Engine.Randomness;

namespace MLExtensions;

/// <summary>
/// The trials a random search asks for, round by round: <c>numberOfTrials</c> values drawn from the space, then each
/// coarse-to-fine round draws <c>trialsPerRefinement</c> more from the space narrowed around the best completed trials
/// so far. One seeded generator, the engine's <see cref="RandomSource"/>, draws every value in order, so the values depend
/// only on the seed and on the results of earlier rounds, not on where or in which order the trials of a round run, nor on
/// the runtime.
/// </summary>
internal sealed class RandomSearchRounds<TOptions>
{
    private readonly SearchObjective _objective;
    private readonly int _numberOfTrials;
    private readonly int _refinementRounds;
    private readonly int _trialsPerRefinement;
    private readonly int _refineAroundBest;
    private readonly RandomSource _random;
    private SearchSpace<TOptions> _space;

    public RandomSearchRounds(SearchSpace<TOptions> space, SearchObjective objective, int numberOfTrials, int? seed,
        int refinementRounds, int? trialsPerRefinement, int refineAroundBest)
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
        _space = space;
        _objective = objective;
        _numberOfTrials = numberOfTrials;
        _refinementRounds = refinementRounds;
        _trialsPerRefinement = perRound;
        _refineAroundBest = refineAroundBest;
        // Widened as the trainers widen their seeds, so a negative seed is a seed of its own.
        _random = new RandomSource((ulong)(uint)(seed ?? 0));
        Round = -1;
    }

    /// <summary>The round <see cref="Next"/> last gave values for (0 is the first, unrefined one).</summary>
    public int Round { get; private set; }

    /// <summary>
    /// The values of the next round's trials, in trial order, given every trial run so far; null when the search is over
    /// (every round ran, or no trial completed to refine around).
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object>>? Next(IReadOnlyList<SearchTrial> trials)
    {
        if (Round >= _refinementRounds)
            return null;
        Round++;
        if (Round > 0)
        {
            var good = _objective.Rank(trials).Where(t => t.Status == TrialStatus.Completed).Take(_refineAroundBest).ToArray();
            if (good.Length == 0)
            {
                Round = _refinementRounds;
                return null;
            }
            _space = _space.With(_space.Parameters.Select(p => p.Narrow(good[0].Values[p.Name], good.Select(t => t.Values[p.Name]).ToArray())));
        }
        int count = Round == 0 ? _numberOfTrials : _trialsPerRefinement;
        var values = new IReadOnlyDictionary<string, object>[count];
        for (int i = 0; i < count; i++)
            values[i] = _space.Parameters.ToDictionary(p => p.Name, p => p.Sample(_random));
        return values;
    }
}
