using Microsoft.ML;

namespace MLExtensions.Distributed;

/// <summary>
/// An estimator (a whole pipeline, usually) that silos can build by name, for cross-validation and learning curves on the
/// cluster. Code cannot travel between processes, so the same definition is registered on every silo
/// (<c>AddMLExtensionsWorkers(d =&gt; d.Add(definition))</c>) and passed to the client API; only its name travels.
/// Every fold or curve point builds its estimator anew from <c>new MLContext(seed: ContextSeed)</c>, so an estimator whose
/// trainers leave their seed to the context trains the same way on every silo; <see cref="CreateLocal"/> builds the very
/// estimator the silos fit, for a local run to compare with.
/// </summary>
public sealed class EstimatorDefinition
{
    private readonly Func<MLContext, IEstimator<ITransformer>> _create;

    /// <summary>Defines an estimator silos can build by name.</summary>
    /// <param name="name">The name silos know it by; unique among the silo's estimator definitions.</param>
    /// <param name="createEstimator">Builds the estimator from the context it is given; called once per fold or curve point,
    /// on the silo's threads, so it must build a new estimator each time and touch no shared state.</param>
    /// <param name="contextSeed">The seed of the <see cref="MLContext"/> each estimator is built from. Default 0.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="createEstimator"/> is null.</exception>
    public EstimatorDefinition(string name, Func<MLContext, IEstimator<ITransformer>> createEstimator, int contextSeed = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _create = createEstimator ?? throw new ArgumentNullException(nameof(createEstimator));
        Name = name;
        ContextSeed = contextSeed;
    }

    /// <summary>The name silos know it by.</summary>
    public string Name { get; }

    /// <summary>The seed of the <see cref="MLContext"/> each fold's estimator is created from.</summary>
    public int ContextSeed { get; }

    /// <summary>The estimator one fold or curve point fits, created from <paramref name="mlContext"/>.</summary>
    /// <param name="mlContext">The context the estimator is built from; its seed seeds trainers that leave theirs unset.</param>
    /// <returns>A new estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mlContext"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The definition's builder returned null.</exception>
    public IEstimator<ITransformer> Create(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return _create(mlContext) ?? throw new InvalidOperationException($"The estimator definition '{Name}' created null.");
    }

    /// <summary>The estimator exactly as a silo creates it: from <c>new MLContext(seed: ContextSeed)</c>.</summary>
    /// <returns>A new estimator.</returns>
    /// <exception cref="InvalidOperationException">The definition's builder returned null.</exception>
    public IEstimator<ITransformer> CreateLocal() => Create(new MLContext(seed: ContextSeed));
}
