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

    /// <summary>An empty space; add parameters with <see cref="LogUniform"/>, <see cref="Uniform"/>, <see cref="IntRange"/>
    /// and <see cref="Choice{TValue}"/>, each of which returns this space.</summary>
    public SearchSpace() { }

    private SearchSpace(IEnumerable<SearchParameter<TOptions>> parameters) => _parameters.AddRange(parameters);

    /// <summary>The parameter names in the order they were added.</summary>
    public IReadOnlyList<string> Names => _parameters.Select(p => p.Name).ToArray();

    internal IReadOnlyList<SearchParameter<TOptions>> Parameters => _parameters;

    /// <summary>A real value whose logarithm is uniform on [ln min, ln max].</summary>
    /// <param name="name">The parameter's name, unique in the space.</param>
    /// <param name="min">The smallest value: positive and finite.</param>
    /// <param name="max">The largest value: finite, at least <paramref name="min"/>.</param>
    /// <param name="apply">Writes a value into the options.</param>
    /// <returns>This space.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="apply"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already in the space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is not finite, not positive, or <paramref name="min"/> &gt; <paramref name="max"/>.</exception>
    public SearchSpace<TOptions> LogUniform(string name, double min, double max, Action<TOptions, double> apply) =>
        Add(new RealParameter<TOptions>(CheckName(name), min, max, logScale: true, apply));

    /// <summary>A real value uniform on [min, max].</summary>
    /// <param name="name">The parameter's name, unique in the space.</param>
    /// <param name="min">The smallest value: finite.</param>
    /// <param name="max">The largest value: finite, at least <paramref name="min"/>.</param>
    /// <param name="apply">Writes a value into the options.</param>
    /// <returns>This space.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="apply"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already in the space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is not finite or <paramref name="min"/> &gt; <paramref name="max"/>.</exception>
    public SearchSpace<TOptions> Uniform(string name, double min, double max, Action<TOptions, double> apply) =>
        Add(new RealParameter<TOptions>(CheckName(name), min, max, logScale: false, apply));

    /// <summary>An integer uniform on min..max, both included.</summary>
    /// <param name="name">The parameter's name, unique in the space.</param>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value, at least <paramref name="min"/>.</param>
    /// <param name="apply">Writes a value into the options.</param>
    /// <returns>This space.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="apply"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already in the space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="min"/> &gt; <paramref name="max"/>.</exception>
    public SearchSpace<TOptions> IntRange(string name, int min, int max, Action<TOptions, int> apply) =>
        Add(new IntegerParameter<TOptions>(CheckName(name), min, max, apply));

    /// <summary>One of <paramref name="values"/>, each equally likely; a grid search tries them all.</summary>
    /// <typeparam name="TValue">The type of the values.</typeparam>
    /// <param name="name">The parameter's name, unique in the space.</param>
    /// <param name="values">The values to choose from: at least one.</param>
    /// <param name="apply">Writes a value into the options.</param>
    /// <returns>This space.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="apply"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already in the space, or <paramref name="values"/>
    /// is null or empty.</exception>
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

    /// <summary>Each parameter and its range or choices, in the order they were added.</summary>
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
