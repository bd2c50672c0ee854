namespace MLExtensions;

/// <summary>
/// The hyperparameters a search varies and how each is written into the trainer options, e.g.
/// <code>
/// var space = new SearchSpace&lt;MlpBinaryTrainer.Options&gt;()
///     .LogUniform("LearningRate", 1e-4, 1e-1, (o, v) =&gt; o.LearningRate = (float)v)
///     .LogUniform("L2Regularization", 1e-6, 1e-2, (o, v) =&gt; o.L2Regularization = (float)v)
///     .Choice("HiddenLayerSizes", new[] { new[] { 16 }, new[] { 32, 16 } }, (o, v) =&gt; o.HiddenLayerSizes = v)
///     .IntRange("BatchSize", 16, 64, (o, v) =&gt; o.BatchSize = v);
/// </code>
/// Use <see cref="LogUniform"/> for scale parameters (learning rate, regularization strength), whose useful values
/// spread over decades: sampling uniformly there would spend nearly every trial in the top decade.
/// </summary>
public sealed class SearchSpace<TOptions>
{
    private readonly List<SearchParameter<TOptions>> _parameters = new();

    public SearchSpace() { }

    private SearchSpace(IEnumerable<SearchParameter<TOptions>> parameters) => _parameters.AddRange(parameters);

    /// <summary>The parameter names in the order they were added.</summary>
    public IReadOnlyList<string> Names => _parameters.Select(p => p.Name).ToArray();

    internal IReadOnlyList<SearchParameter<TOptions>> Parameters => _parameters;

    /// <summary>A real value whose logarithm is uniform on [ln min, ln max].</summary>
    public SearchSpace<TOptions> LogUniform(string name, double min, double max, Action<TOptions, double> apply) =>
        Add(new RealParameter<TOptions>(CheckName(name), min, max, logScale: true, apply));

    public SearchSpace<TOptions> Uniform(string name, double min, double max, Action<TOptions, double> apply) =>
        Add(new RealParameter<TOptions>(CheckName(name), min, max, logScale: false, apply));

    /// <summary>An integer uniform on min..max, both included.</summary>
    public SearchSpace<TOptions> IntRange(string name, int min, int max, Action<TOptions, int> apply) =>
        Add(new IntegerParameter<TOptions>(CheckName(name), min, max, apply));

    public SearchSpace<TOptions> Choice<TValue>(string name, IReadOnlyList<TValue> values, Action<TOptions, TValue> apply) =>
        Add(new ChoiceParameter<TOptions, TValue>(CheckName(name), values, apply));

    /// <summary>Every combination of the parameters' grids (<see cref="SearchParameter{TOptions}.Grid"/>), the first parameter varying slowest.</summary>
    internal IReadOnlyList<IReadOnlyDictionary<string, object>> GridCombinations(int pointsPerRange)
    {
        if (pointsPerRange < 1)
            throw new ArgumentOutOfRangeException(nameof(pointsPerRange), $"pointsPerRange must be ≥ 1; it is {pointsPerRange}.");
        IEnumerable<Dictionary<string, object>> combinations = new[] { new Dictionary<string, object>() };
        foreach (var parameter in _parameters)
        {
            var grid = parameter.Grid(pointsPerRange);
            combinations = combinations.SelectMany(c => grid.Select(v => new Dictionary<string, object>(c) { [parameter.Name] = v })).ToArray();
        }
        return combinations.ToArray();
    }

    internal SearchSpace<TOptions> With(IEnumerable<SearchParameter<TOptions>> parameters) => new(parameters);

    public override string ToString() => string.Join("; ", _parameters.Select(p => p.Describe()));

    private SearchSpace<TOptions> Add(SearchParameter<TOptions> parameter)
    {
        _parameters.Add(parameter);
        return this;
    }

    private string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_parameters.Any(p => p.Name == name))
            throw new ArgumentException($"The search space already has a parameter '{name}'.", nameof(name));
        return name;
    }
}
