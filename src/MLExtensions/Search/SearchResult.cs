using System.Text;
using MLExtensions.Engine.Text;

namespace MLExtensions;

/// <summary>
/// Every trial of a search, best first (completed trials by score, then diverged and failed ones), and the best
/// options ready to train with.
/// </summary>
public sealed class SearchResult<TOptions>
{
    private readonly Func<TOptions> _createOptions;
    private readonly SearchSpace<TOptions> _space;

    internal SearchResult(IReadOnlyList<SearchTrial> trials, SearchObjective objective, SearchSpace<TOptions> space, Func<TOptions> createOptions)
    {
        Trials = trials;
        Objective = objective;
        _space = space;
        _createOptions = createOptions;
    }

    /// <summary>Best first.</summary>
    public IReadOnlyList<SearchTrial> Trials { get; }

    /// <summary>The objective every trial was scored by.</summary>
    public SearchObjective Objective { get; }

    /// <summary>The best completed trial.</summary>
    /// <exception cref="InvalidOperationException">No trial completed; the message lists each trial's status and message.</exception>
    public SearchTrial Best => Trials.FirstOrDefault(t => t.Status == TrialStatus.Completed)
        ?? throw new InvalidOperationException("No trial completed: " + string.Join("; ", Trials.Select(t => $"#{t.Number} {t.Status}: {t.Message}")));

    /// <summary>Fresh options from the creator with the best trial's values applied (no search hooks attached).</summary>
    /// <exception cref="InvalidOperationException">No trial completed.</exception>
    public TOptions BestOptions => OptionsFor(Best);

    /// <summary>Fresh options from the creator with <paramref name="trial"/>'s values applied, to retrain any trial, not only the best.</summary>
    /// <param name="trial">A trial of this search; values for parameters the search space lacks are ignored.</param>
    /// <returns>A new options object, the search's other settings as the creator makes them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> is null.</exception>
    public TOptions OptionsFor(SearchTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var options = _createOptions();
        foreach (var parameter in _space.Parameters)
        {
            if (trial.Values.TryGetValue(parameter.Name, out var value))
                parameter.Apply(options, value);
        }
        return options;
    }

    /// <summary>A table of the trials best first (rank, values, score and its standard deviation, epochs, status) and the
    /// best values.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        int completed = Trials.Count(t => t.Status == TrialStatus.Completed);
        text.AppendLine($"Search: {Trials.Count} trials ({completed} completed), objective {Objective.Description} ({(Objective.Maximize ? "higher" : "lower")} is better)");
        var names = _space.Parameters.Select(p => p.Name).ToArray();
        var headers = new[] { "rank", "trial", "round" }.Concat(names).Concat(new[] { Objective.MetricName, "std", "epochs", "status" }).ToArray();
        var table = new TextTable(headers);
        int rank = 0;
        foreach (var t in Trials)
        {
            rank++;
            var cells = new List<string> { TextTable.Integer(rank), TextTable.Integer(t.Number), TextTable.Integer(t.Round) };
            foreach (var parameter in _space.Parameters)
                cells.Add(t.Values.TryGetValue(parameter.Name, out var v) ? parameter.Format(v) : "");
            cells.Add(TextTable.Number(t.Score));
            cells.Add(TextTable.Number(t.ScoreStandardDeviation));
            cells.Add(t.EpochsRun is int e ? TextTable.Integer(e) : "");
            cells.Add(t.Status == TrialStatus.Completed ? "completed" : $"{t.Status.ToString().ToLowerInvariant()}: {t.Message}");
            table.Add(cells.ToArray());
        }
        table.AppendTo(text);
        if (completed > 0)
            text.AppendLine("Best: " + string.Join(", ", _space.Parameters.Select(p => $"{p.Name} = {p.Format(Best.Values[p.Name])}")));
        return text.ToString();
    }
}
