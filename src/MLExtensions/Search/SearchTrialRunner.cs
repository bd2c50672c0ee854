using System.Diagnostics;
using Microsoft.ML;
using MLExtensions.Engine.Training;

namespace MLExtensions;

/// <summary>
/// Runs one search trial: fresh options from the creator with the trial's values applied, the estimator built from them
/// and scored by the trial's objective. A trial that throws is recorded as failed (diverged when its MLP stopped as diverged)
/// with the exception's message. A broken options creator, or a parameter's setter that throws, ends the search at the first
/// trial instead: both are mistakes in the search's own code that would fail every trial alike, so failing fast names them. <see cref="HyperparameterSearch{TOptions}"/>
/// runs its trials through it, and so does a worker that runs trials away from the search's process, so a trial means
/// the same thing wherever it runs. Safe to call from several threads at once.
/// </summary>
internal sealed class SearchTrialRunner<TOptions>
    where TOptions : class
{
    private readonly Func<TOptions> _createOptions;
    private readonly Func<TOptions, IEstimator<ITransformer>> _createEstimator;
    private readonly SearchSpace<TOptions> _space;
    private readonly object _optionsLock = new();
    private TOptions? _lastOptions;

    public SearchTrialRunner(Func<TOptions> createOptions, Func<TOptions, IEstimator<ITransformer>> createEstimator,
        SearchSpace<TOptions> space)
    {
        _createOptions = createOptions;
        _createEstimator = createEstimator;
        _space = space;
    }

    /// <param name="number">The trial's 1-based number in its search.</param>
    /// <param name="round">The search round (0 for the first).</param>
    /// <param name="values">The trial's value for every parameter of the space, by name.</param>
    /// <param name="objective">Scores the trial (a worker builds one per copy of the data, so it is given per trial).</param>
    /// <param name="prepare">Runs on the fresh options before the trial's values are applied (a worker hands them its
    /// cancellation token).</param>
    public SearchTrial Run(int number, int round, IReadOnlyDictionary<string, object> values, SearchObjective objective,
        Action<TOptions>? prepare = null)
    {
        var clock = Stopwatch.StartNew();
        var options = NewOptions();
        prepare?.Invoke(options);
        foreach (var parameter in _space.Parameters)
            Apply(parameter, options, values[parameter.Name]);
        var check = new DivergedTrialCheck();
        try
        {
            var estimator = _createEstimator(options) ?? throw new InvalidOperationException("createEstimator returned null.");
            var scores = objective.Score(check.Wrap(estimator));
            var summary = MetricSummary.Of(objective.MetricName, scores);
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

    private static void Apply(SearchParameter<TOptions> parameter, TOptions options, object value)
    {
        try
        {
            parameter.Apply(options, value);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"The setter of search parameter '{parameter.Name}' threw on the value {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}: {e.Message}", e);
        }
    }

    private TOptions NewOptions()
    {
        // Each trial writes its values into its options, so two trials must never share an options object.
        lock (_optionsLock)
        {
            var options = _createOptions() ?? throw new InvalidOperationException("createOptions returned null.");
            if (ReferenceEquals(options, _lastOptions))
                throw new InvalidOperationException("createOptions returned the same object twice; it must return new options for every trial, which the trial then changes.");
            _lastOptions = options;
            return options;
        }
    }
}
